import Foundation

/// Writes RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled,
/// lines end with CRLF.
///
/// With `defusingFormulas`, a field a spreadsheet would run as a formula (one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, other than a plain number such as `-5`) is written
/// with a leading `'`, as OWASP advises for CSV injection: `=cmd|' /C calc'!A0` becomes
/// `'=cmd|' /C calc'!A0`. The rejects file of an import is written this way, since it echoes
/// whatever the uploaded file held and is meant to be opened in a spreadsheet.
public final class CSVWriter {
  private let handle: FileHandle
  private var pending: [UInt8] = []
  /// The file's path.
  public let path: String
  /// Whether formula-like fields get a leading `'`.
  public let defusingFormulas: Bool

  /// Creates (or truncates) the file at `path`.
  public init(path: String, defusingFormulas: Bool = false) throws {
    self.path = path
    self.defusingFormulas = defusingFormulas
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CSVError.cannotRead(path: path, reason: "cannot create the file") }
    self.handle = handle
  }

  /// Appends one record.
  public func write(_ fields: [String]) throws {
    for (index, field) in fields.enumerated() {
      if index > 0 { pending.append(.comma) }
      let text = defusingFormulas ? Self.defused(field) : field
      pending.append(contentsOf: Self.quoted(text).utf8)
    }
    pending.append(contentsOf: [.cr, .lf])
    if pending.count >= 1 << 16 { try flush() }
  }

  /// Writes buffered records to the file.
  public func flush() throws {
    guard !pending.isEmpty else { return }
    try handle.write(contentsOf: pending)
    pending.removeAll(keepingCapacity: true)
  }

  /// Flushes and closes the file.
  public func close() throws {
    try flush()
    try handle.close()
  }

  /// `field` quoted when it must be.
  public static func quoted(_ field: String) -> String {
    guard field.utf8.contains(where: { $0 == .comma || $0 == .quote || $0 == .lf || $0 == .cr })
    else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `field` with a leading `'` when a spreadsheet would read it as a formula.
  public static func defused(_ field: String) -> String {
    guard let first = field.utf8.first else { return field }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "\t"), .cr: return "'" + field
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      return Double(field) != nil ? field : "'" + field
    default: return field
    }
  }
}
