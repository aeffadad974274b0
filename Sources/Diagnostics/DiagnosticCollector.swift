/// Collects diagnostics up to a cap, so one bad input cannot produce thousands of them.
public struct DiagnosticCollector: Sendable {
  /// The diagnostics collected so far.
  public private(set) var diagnostics: [Diagnostic] = []
  /// The most diagnostics kept; later ones are counted but dropped.
  public let limit: Int
  /// How many were dropped because of the cap.
  public private(set) var dropped = 0

  public init(limit: Int = 20) {
    self.limit = limit
  }

  /// Adds a diagnostic unless the cap is reached.
  public mutating func add(_ diagnostic: Diagnostic) {
    if diagnostics.count < limit { diagnostics.append(diagnostic) } else { dropped += 1 }
  }

  /// True when at least one error was added.
  public var hasErrors: Bool { dropped > 0 || diagnostics.contains { $0.severity == .error } }

  /// The diagnostics sorted by position, plus a note when some were dropped.
  public var all: [Diagnostic] {
    var sorted = diagnostics.enumerated().sorted { lhs, rhs in
      let left = lhs.element.range?.start ?? Int.max
      let right = rhs.element.range?.start ?? Int.max
      return left == right ? lhs.offset < rhs.offset : left < right
    }.map(\.element)
    if dropped > 0 {
      sorted.append(
        Diagnostic(
          .note, id: "diagnostics.truncated",
          message: "\(dropped) more diagnostic\(dropped == 1 ? "" : "s") not shown"))
    }
    return sorted
  }
}
