import Expressions
import Foundation

extension FlagSet {
  /// The flags laid out for evaluation: per flag a few plain numbers and ranges into shared
  /// arrays of programs, so evaluating a flag copies no `FeatureFlag`, `Rule`, `Outcome` or
  /// `Program` (each a struct of references, retained and released on every copy) and evaluates
  /// each program in place (see ``ProgramTable``). Names, texts and lines stay in ``FlagSet/flags``, read only to
  /// explain or to build a message.
  struct Plan: Sendable {
    /// What a rule or the default serves.
    struct Outcome: Sendable {
      enum Kind: Sendable { case variant, rollout, split }
      let kind: Kind
      /// The variant served (`.variant`), or served inside the rollout (`.rollout`).
      let variant: Int
      /// The variant served outside the rollout.
      let otherwise: Int
      /// The rollout's percentage (for explanations) and its basis points, converted at load.
      let percent: Double
      let basisPoints: Int
      /// The unit program's index in ``Plan/units`` (rollouts and splits).
      let unit: Int
      /// The split's bounds in ``Plan/bounds``.
      let bounds: Range<Int>
    }

    /// One flag.
    struct Flag: Sendable {
      let enabled: Bool
      let activeFrom: Date?
      let activeUntil: Date?
      let offVariant: Int
      /// Its prerequisites in ``Plan/prerequisites``, in file order.
      let prerequisites: Range<Int>
      /// Its rules in ``Plan/conditions`` and ``Plan/outcomes``, in file order.
      let rules: Range<Int>
      /// The default outcome.
      let otherwise: Outcome
    }

    let flags: [Flag]
    /// Prerequisites resolved at load: the other flag's index (nil when no such flag is loaded)
    /// and the index of the variant it must serve (nil when it has no such variant).
    let prerequisites: [(flag: Int?, variant: Int?)]
    /// Every rule's condition and outcome.
    let conditions: ProgramTable
    let outcomes: [Outcome]
    /// Every rule's line in its file.
    let lines: [Int]
    /// Every rollout's and split's unit program.
    let units: ProgramTable
    /// Every split's bounds: cumulative upper buckets with their variants.
    let bounds: [(upper: Int, variant: Int)]

    init(_ flags: [FeatureFlag], indexByName: [String: Int]) {
      var planned: [Flag] = []
      var prerequisites: [(flag: Int?, variant: Int?)] = []
      var conditions: [Program] = []
      var outcomes: [Outcome] = []
      var lines: [Int] = []
      var units: [Program] = []
      var bounds: [(upper: Int, variant: Int)] = []

      func plan(_ outcome: FeatureFlag.Outcome) -> Outcome {
        switch outcome {
        case .variant(let variant):
          return Outcome(
            kind: .variant, variant: variant, otherwise: variant, percent: 0, basisPoints: 0,
            unit: 0, bounds: 0..<0)
        case .rollout(let percent, let variant, let otherwise, let unit):
          units.append(unit)
          return Outcome(
            kind: .rollout, variant: variant, otherwise: otherwise, percent: percent,
            basisPoints: Bucketing.basisPoints(percent: percent), unit: units.count - 1,
            bounds: 0..<0)
        case .split(let unit, let splitBounds):
          units.append(unit)
          let start = bounds.count
          bounds += splitBounds
          return Outcome(
            kind: .split, variant: 0, otherwise: 0, percent: 0, basisPoints: 0,
            unit: units.count - 1, bounds: start..<bounds.count)
        }
      }

      for flag in flags {
        let firstPrerequisite = prerequisites.count
        for prerequisite in flag.prerequisites {
          let other = indexByName[prerequisite.flag]
          prerequisites.append(
            (other, other.flatMap { flags[$0].variantIndex(prerequisite.variant) }))
        }
        let firstRule = conditions.count
        for rule in flag.rules {
          conditions.append(rule.condition)
          outcomes.append(plan(rule.outcome))
          lines.append(rule.line)
        }
        planned.append(
          Flag(
            enabled: flag.enabled, activeFrom: flag.activeFrom, activeUntil: flag.activeUntil,
            offVariant: flag.offVariant,
            prerequisites: firstPrerequisite..<prerequisites.count,
            rules: firstRule..<conditions.count, otherwise: plan(flag.defaultOutcome)))
      }
      self.flags = planned
      self.prerequisites = prerequisites
      self.conditions = ProgramTable(conditions)
      self.outcomes = outcomes
      self.lines = lines
      self.units = ProgramTable(units)
      self.bounds = bounds
    }
  }
}
