import Expressions

/// A compiled matchmaking rule set: requirements, weighted signals, a keep threshold and top-N.
///
/// Evaluate a pair by binding `advertiser` and `show` into an activation made by
/// ``makeActivation()``; the same activation is reused for every pair (one per thread).
public struct RuleSet: Sendable {
  /// A `require` line.
  public struct Requirement: Sendable {
    public let reason: String
    public let line: Int
  }

  /// A `signal` line.
  public struct Signal: Sendable {
    public let name: String
    public let weight: Double
    public let line: Int
  }

  /// One evaluation step, in file order.
  enum Step: Sendable {
    case bind(VariableSlot, Program)
    case require(Int, Program)
    case signal(Int, Program)
  }

  public let name: String
  public let description: String
  public let requirements: [Requirement]
  public let signals: [Signal]
  /// `top N per advertiser`, nil for no limit.
  public let top: Int?
  /// The keep condition's text, for explanations.
  public let keepText: String?
  /// A content hash of the file that defined the rule set (FNV-1a 64, hex).
  public let contentHash: String
  public let file: String
  public let line: Int
  /// The definition's source text without comments, blank lines or indentation (see
  /// ``RuleLoader/definitionText(_:)``): two rule sets with the same text are defined the same way.
  public let definition: String

  private(set) var steps: [Step] {
    didSet { plan = Plan(steps, signals, keep) }
  }
  private(set) var keep: Program? {
    didSet { plan = Plan(steps, signals, keep) }
  }
  let environment: Environment
  let advertiserSlot: VariableSlot
  let showSlot: VariableSlot
  let scoreSlot: VariableSlot
  /// ``steps`` laid out for ``evaluate(_:signalValues:)``.
  private var plan: Plan

  /// The steps as ``evaluate(_:signalValues:)`` runs them: what each step does (plain integers)
  /// and its program in a ``ProgramTable``, so a pair evaluates each program in place instead of
  /// copying a `Step` (and retaining every reference in its `Program`).
  private struct Plan: Sendable {
    enum Kind: Sendable {
      /// Bind the variable at this slot.
      case bind(VariableSlot)
      /// The requirement at this index.
      case require(Int)
      /// The signal at this index.
      case signal(Int)
    }
    let kinds: [Kind]
    /// Each step's program, then (last) the keep condition's, if any.
    let programs: ProgramTable
    /// Each signal's weight, by signal index.
    let weights: [Double]

    init(_ steps: [Step], _ signals: [Signal], _ keep: Program?) {
      var kinds: [Kind] = []
      var programs: [Program] = []
      kinds.reserveCapacity(steps.count)
      programs.reserveCapacity(steps.count)
      for step in steps {
        switch step {
        case .bind(let slot, let program):
          kinds.append(.bind(slot))
          programs.append(program)
        case .require(let index, let program):
          kinds.append(.require(index))
          programs.append(program)
        case .signal(let index, let program):
          kinds.append(.signal(index))
          programs.append(program)
        }
      }
      if let keep { programs.append(keep) }
      self.kinds = kinds
      self.programs = ProgramTable(programs)
      self.weights = signals.map(\.weight)
    }
  }

  init(
    name: String, description: String, requirements: [Requirement], signals: [Signal],
    top: Int?, keepText: String?, contentHash: String, file: String, line: Int,
    definition: String, steps: [Step], keep: Program?, environment: Environment,
    advertiserSlot: VariableSlot, showSlot: VariableSlot, scoreSlot: VariableSlot
  ) {
    self.name = name
    self.description = description
    self.requirements = requirements
    self.signals = signals
    self.top = top
    self.keepText = keepText
    self.contentHash = contentHash
    self.file = file
    self.line = line
    self.definition = definition
    self.steps = steps
    self.keep = keep
    self.environment = environment
    self.advertiserSlot = advertiserSlot
    self.showSlot = showSlot
    self.scoreSlot = scoreSlot
    self.plan = Plan(steps, signals, keep)
  }

  /// An activation for this rule set; bind `advertiser` and `show` with ``bind(advertiser:show:in:)``.
  public func makeActivation() -> Activation { environment.makeActivation() }

  /// Binds the pair's inputs (record values of ``MatchInputs/advertiser`` and ``MatchInputs/show``).
  public func bind(advertiser: Value?, show: Value?, in activation: inout Activation) {
    if let advertiser { activation[advertiserSlot] = advertiser }
    if let show { activation[showSlot] = show }
  }

  /// The rule set specialised for one advertiser: every program compiled again with
  /// `advertiser` as a constant (see ``Program/specialized(_:)``).
  ///
  /// Field reads of the advertiser fold, `c in advertiser.target_categories` becomes a lookup in
  /// a constant set, a `let` that only depends on the advertiser is computed once, and a
  /// requirement that is always true for this advertiser is dropped. Evaluating a pair with the
  /// specialised rule set gives the same outcome (score, rejection or error message) as with
  /// this one; bind the same advertiser value in the activation.
  public func specialized(advertiser: Value) -> RuleSet {
    var constants: [VariableSlot: Value] = [advertiserSlot: advertiser]
    var result = self
    var specializedSteps: [Step] = []
    specializedSteps.reserveCapacity(steps.count)
    for step in steps {
      switch step {
      case .bind(let slot, let program):
        let specialized = program.specialized(constants)
        if let value = specialized.constantValue {
          constants[slot] = value
        } else {
          specializedSteps.append(.bind(slot, specialized))
        }
      case .require(let index, let program):
        let specialized = program.specialized(constants)
        if case .bool(true)? = specialized.constantValue { continue }
        specializedSteps.append(.require(index, specialized))
      case .signal(let index, let program):
        specializedSteps.append(.signal(index, program.specialized(constants)))
      }
    }
    result.steps = specializedSteps
    result.keep = keep?.specialized(constants)
    return result
  }

  /// Evaluates one pair. `signalValues` receives each signal's value (resized to `signals.count`).
  ///
  /// Programs are evaluated in place (see ``ProgramTable``), and the requirements and signals
  /// between two `let`s run against the activation borrowed once for all of them (passing an
  /// `inout` activation to each program would retain and release its storage every time).
  public func evaluate(_ activation: inout Activation, signalValues: inout [Double]) -> PairOutcome
  {
    if signalValues.count != signals.count {
      signalValues = Array(repeating: 0, count: signals.count)
    }
    var score = 0.0
    var position = 0
    let count = plan.kinds.count
    do {
      while position < count {
        if case .bind(let slot) = plan.kinds[position] {
          activation[slot] = try plan.programs.evaluate(position, activation)
          position += 1
        } else if let outcome = try run(
          from: &position, activation, &signalValues, &score)
        {
          return outcome
        }
      }
      if keep != nil {
        activation[scoreSlot] = .double(score)
        guard case .bool(let kept) = try plan.programs.evaluate(count, activation) else {
          return .error("the keep condition did not give a bool")
        }
        return kept ? .kept(score) : .dropped(score)
      }
      return .kept(score)
    } catch {
      return .error("\(error)")
    }
  }

  /// Evaluates the requirements and signals from `position` up to the next `let` (or the end);
  /// `position` ends on that `let`. Returns the pair's outcome when a step decides it.
  private func run(
    from position: inout Int, _ activation: Activation, _ signalValues: inout [Double],
    _ score: inout Double
  ) throws -> PairOutcome? {
    let count = plan.kinds.count
    while position < count {
      switch plan.kinds[position] {
      case .bind:
        return nil
      case .require(let index):
        guard case .bool(let passed) = try plan.programs.evaluate(position, activation) else {
          return .error("requirement \"\(requirements[index].reason)\" did not give a bool")
        }
        if !passed { return .rejected(index) }
      case .signal(let index):
        let value: Double
        switch try plan.programs.evaluate(position, activation) {
        case .double(let number): value = number
        case .int(let number): value = Double(number)
        case .uint(let number): value = Double(number)
        case let other:
          return .error("signal \"\(signals[index].name)\" gave \(other.typeValue), not a number")
        }
        guard value >= 0, value <= 1 else {
          return .error("signal \"\(signals[index].name)\" gave \(value), outside [0, 1]")
        }
        signalValues[index] = value
        score += value * plan.weights[index]
      }
      position += 1
    }
    return nil
  }
}

/// What became of one advertiser × show pair.
public enum PairOutcome: Sendable, Equatable {
  /// Passed every requirement and the keep threshold.
  case kept(Double)
  /// Passed the requirements but scored under the keep threshold.
  case dropped(Double)
  /// The requirement at this index was false.
  case rejected(Int)
  /// An expression failed (a missing value, a signal out of range).
  case error(String)

  public var score: Double? {
    switch self {
    case .kept(let score), .dropped(let score): score
    default: nil
    }
  }
}
