import Diagnostics

/// A lexical token.
struct Token: Sendable {
  enum Kind: Equatable, Sendable {
    case identifier(String)
    /// An identifier in backquotes, allowed only after `.`.
    case quotedIdentifier(String)
    case int(UInt64?)
    case uint(UInt64?)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case punct(String)
    case reserved(String)
    case error
    case end
  }

  var kind: Kind
  var range: SourceRange

  var punct: String? {
    if case .punct(let p) = kind { return p }
    return nil
  }
}
