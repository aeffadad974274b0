import Diagnostics

/// Everything loaded from a set of rule files: flags, matchmaking rule sets and tests.
///
/// A rule book exists only when every file loaded without errors; warnings ride along.
public struct RuleBook: Sendable {
  public let flags: FlagSet
  public let ruleSets: [RuleSet]
  public let tests: [RuleTest]
  /// The files read, in order.
  public let files: [String]
  /// Warnings (`rules.weights-sum`, `rules.unreachable-rule`, …).
  public let warnings: [Diagnostic]
  /// A hash of the files' texts and base names, in load order (FNV-1a 64, hex): the same files
  /// give the same fingerprint in any process and folder, so it can version what was evaluated
  /// (the ETag of OFREP's bulk evaluation).
  public let fingerprint: String

  /// The rule set named `name`.
  public func ruleSet(named name: String) -> RuleSet? { ruleSets.first { $0.name == name } }
}

/// Rule files that failed to load: every diagnostic, errors and warnings, in file order.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
  public let diagnostics: [Diagnostic]

  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

  public var description: String {
    let first = diagnostics.first { $0.severity == .error }
    let more = errorCount > 1 ? " (and \(errorCount - 1) more errors)" : ""
    return (first?.description ?? "the rule files did not load") + more
  }
}

/// A rule file that cannot be read at all.
public struct RuleFileReadError: Error, Sendable, CustomStringConvertible {
  public let path: String
  public let reason: String
  public var description: String { "Cannot read rule file \(path): \(reason)." }
}
