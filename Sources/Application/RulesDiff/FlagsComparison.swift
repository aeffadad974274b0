import Foundation
import Rules
import Store

/// Compares two flag sets over a population of contexts: a pure function of its inputs.
///
/// A flag on both sides changes for a context when it serves another variant or value there; the
/// first ``exampleLimit`` such contexts (in population order) are reported with both evaluations.
public enum FlagsComparison {
  public static let exampleLimit = 5

  /// Evaluates every flag of both sides in every context of `population`, at `now`.
  ///
  /// - Throws: ``RulesDiffError/invalidContext(origin:message:)`` for a context that does not bind.
  public static func compare(
    base: FlagSet, head: FlagSet, population: FlagPopulation, now: Date
  ) throws -> FlagsDiff {
    let baseNames = Set(base.flags.map(\.name))
    let headNames = Set(head.flags.map(\.name))
    let common = head.flags.filter { baseNames.contains($0.name) }

    // Bind every context once per side.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var contexts: [(FlagContext, FlagContext)] = []
    contexts.reserveCapacity(population.members.count)
    for member in population.members {
      let json = String(decoding: try encoder.encode(member.context), as: UTF8.self)
      do {
        contexts.append(
          (try base.context(json: json, now: now), try head.context(json: json, now: now)))
      } catch {
        throw RulesDiffError.invalidContext(origin: member.origin, message: "\(error)")
      }
    }

    var changed: [FlagChange] = []
    var definitionOnly: [String] = []
    var unchanged = 0
    for flag in common {
      guard let baseIndex = base.index(of: flag.name), let headIndex = head.index(of: flag.name)
      else { continue }
      let baseFlag = base.flags[baseIndex]
      let definitionChanged = baseFlag.definition != flag.definition
      var count = 0
      var reasonOnly = 0
      var transitions: [String: (from: String, to: String, count: Int)] = [:]
      var examples: [FlagChange.Example] = []
      for (position, (baseContext, headContext)) in contexts.enumerated() {
        let before = base.evaluate(at: baseIndex, in: baseContext)
        let after = head.evaluate(at: headIndex, in: headContext)
        if before.variant == after.variant
          && ValueJSON.json(before.value) == ValueJSON.json(after.value)
        {
          if before.reason != after.reason || before.ruleIndex != after.ruleIndex {
            reasonOnly += 1
          }
          continue
        }
        count += 1
        let key = before.variant + "\u{0}" + after.variant
        transitions[key, default: (before.variant, after.variant, 0)].count += 1
        if examples.count < exampleLimit {
          examples.append(
            FlagChange.Example(
              context: population.members[position].context,
              before: evaluation(before, file: baseFlag.file),
              after: evaluation(after, file: flag.file)))
        }
      }
      if count > 0 {
        changed.append(
          FlagChange(
            flag: flag.name, definitionChanged: definitionChanged, contextsChanged: count,
            reasonOnly: reasonOnly,
            transitions: transitions.values.map {
              FlagChange.Transition(from: $0.from, to: $0.to, count: $0.count)
            }.sorted { ($1.count, $0.from, $0.to) < ($0.count, $1.from, $1.to) },
            examples: examples))
      } else if definitionChanged {
        definitionOnly.append(flag.name)
      } else {
        unchanged += 1
      }
    }
    changed.sort { ($1.contextsChanged, $0.flag) < ($0.contextsChanged, $1.flag) }
    return FlagsDiff(
      population: population.kind, contexts: population.members.count,
      environments: population.environments,
      added: head.flags.map(\.name).filter { !baseNames.contains($0) },
      removed: base.flags.map(\.name).filter { !headNames.contains($0) },
      definitionOnly: definitionOnly, changed: changed, unchanged: unchanged)
  }

  static func evaluation(_ result: FlagResult, file: String) -> FlagChange.Evaluation {
    FlagChange.Evaluation(
      variant: result.variant, value: ValueJSON.json(result.value), reason: result.reason.rawValue,
      ruleLine: result.ruleLine, file: file, message: result.message)
  }
}
