import Diagnostics

/// Why `cuesheet rules diff` could not compare two versions of the rules.
public enum RulesDiffError: Error, Sendable, CustomStringConvertible {
  /// One side's diagnostics: its label (`base (HEAD)`, `head`) and every diagnostic.
  public struct SideDiagnostics: Sendable {
    public let side: String
    public let diagnostics: [Diagnostic]

    public init(side: String, diagnostics: [Diagnostic]) {
      self.side = side
      self.diagnostics = diagnostics
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
  }

  /// The rules of one side or both do not load; nothing was compared.
  case rulesDoNotLoad([SideDiagnostics])
  /// The base revision does not name a commit of `repository`.
  case unknownRevision(String, repository: String)
  /// A git base was asked for (or defaulted to) but the rules are not in a git work tree.
  case notAGitWorkTree(path: String)
  /// `git` itself failed (not installed, a corrupt repository).
  case gitFailed(command: String, message: String)
  /// A line of the contexts file is not a flag context (`origin` is `file:line`).
  case invalidContext(origin: String, message: String)
  /// A file the diff needs cannot be read.
  case cannotRead(path: String, reason: String)

  public var description: String {
    switch self {
    case .rulesDoNotLoad(let sides):
      let parts = sides.map {
        "the \($0.side) side has \($0.errorCount) error\($0.errorCount == 1 ? "" : "s")"
      }
      return "The rules do not load: \(parts.joined(separator: " and ")); nothing was compared."
    case .unknownRevision(let revision, let repository):
      return
        "There is no revision \(revision) in the git repository at \(repository); name a commit, branch or tag (e.g. HEAD, main, HEAD~1)."
    case .notAGitWorkTree(let path):
      return
        "\(path) is not in a git work tree, so there is no revision to compare with; compare with a directory of rule files instead."
    case .gitFailed(let command, let message):
      return "`\(command)` failed: \(message)"
    case .invalidContext(let origin, let message):
      return "\(origin): not a flag context: \(message)"
    case .cannotRead(let path, let reason):
      return "Cannot read \(path): \(reason)."
    }
  }
}
