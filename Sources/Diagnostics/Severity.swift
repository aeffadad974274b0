/// How serious a ``Diagnostic`` is.
public enum Severity: String, Sendable, Hashable, Codable {
  case error
  case warning
  case note
}
