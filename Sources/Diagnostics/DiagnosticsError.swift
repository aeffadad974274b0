/// An error carrying every diagnostic collected by a front-end phase.
///
/// Only façades throw it (e.g. `Expression.compile`); phases collect into a
/// ``DiagnosticCollector`` instead of stopping at the first problem.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
  /// All diagnostics, in source order; at least one is an error.
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  /// The first error, summarised on one line.
  public var description: String {
    let first = diagnostics.first { $0.severity == .error } ?? diagnostics.first
    guard let first else { return "no diagnostics" }
    let more = diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more)" : ""
    return first.description + more
  }

  /// All diagnostics rendered with source excerpts (no colour).
  public var rendered: String { DiagnosticRenderer.render(diagnostics) }
}
