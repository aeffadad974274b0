import Foundation

/// Writes RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled,
/// lines end with CRLF.
public final class CSVWriter {
  private let handle: FileHandle
  private var pending: [UInt8] = []
  /// The file's path.
  public let path: String

  /// Creates (or truncates) the file at `path`.
  public init(path: String) throws {
    self.path = path
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CSVError.cannotRead(path: path, reason: "cannot create the file") }
    self.handle = handle
  }

  /// Appends one record.
  public func write(_ fields: [String]) throws {
    for (index, field) in fields.enumerated() {
      if index > 0 { pending.append(.comma) }
      pending.append(contentsOf: Self.quoted(field).utf8)
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
}
