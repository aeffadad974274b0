import Foundation
import Store

/// What `cuesheet io documents verify FILE` found.
public struct IODocumentVerification: Sendable, Equatable, Codable {
  public var file: String
  /// The SHA-256 of the canonical content the file carries, recomputed.
  public var contentSHA256: String
  /// The hash the file states beside it (Markdown and HTML); `nil` for a PDF.
  public var statedSHA256: String?
  /// The document the canonical content names (`io IO-1001`), if readable.
  public var scope: String?
  /// Issued revisions with this content (one row per format), oldest first.
  public var matches: [IODocumentRecord]

  /// True when the content matches an issued revision and the stated hash (if any) agrees.
  public var isValid: Bool {
    !matches.isEmpty && (statedSHA256 == nil || statedSHA256 == contentSHA256)
  }

  enum CodingKeys: String, CodingKey {
    case file, scope, matches
    case contentSHA256 = "content_sha256"
    case statedSHA256 = "stated_sha256"
  }
}

/// Checks an exported IO document against the issued revisions in `io_documents`.
///
/// Reads the canonical content embedded in the file (the comment at the end of Markdown or HTML,
/// the attached `io-canonical.txt` of a PDF, extracted with poppler's `pdfdetach`), recomputes its
/// SHA-256 and looks it up.
public struct IODocumentVerifier {
  let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func verify(file: String) throws -> IODocumentVerification {
    let (text, stated) = try Self.canonical(in: file)
    let sha = IOCanonical.sha256(text)
    let matches = try store.writer.read { db in try IODocumentRecords.matching(db, sha256: sha) }
    let scopeLine = text.split(separator: "\n").first { $0.hasPrefix("scope: ") }
    return IODocumentVerification(
      file: file, contentSHA256: sha, statedSHA256: stated,
      scope: scopeLine.map { String($0.dropFirst("scope: ".count)) }, matches: matches)
  }

  /// The canonical text in `file` and the hash the file states (nil for PDFs).
  static func canonical(in file: String) throws(IODocumentError) -> (String, String?) {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw .unreadable(path: file, message: "cannot read the file")
    }
    if data.starts(with: Array("%PDF-".utf8)) {
      return (try pdfAttachment(file), nil)
    }
    guard let extracted = IOCanonical.extract(fromText: String(decoding: data, as: UTF8.self))
    else { throw .noCanonicalContent(path: file) }
    return (extracted.text, extracted.statedSHA256)
  }

  /// The text of the PDF's `io-canonical.txt` attachment, through `pdfdetach`.
  static func pdfAttachment(_ file: String) throws(IODocumentError) -> String {
    let list = try pdfdetach(["-list", file], file: file)
    // Lines look like "1: io-canonical.txt".
    guard
      let line = list.split(separator: "\n").first(where: {
        $0.hasSuffix(": \(IOCanonical.attachmentName)")
      }), let number = line.split(separator: ":").first
    else { throw .noCanonicalContent(path: file) }
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("cuesheet-verify-\(UUID().uuidString).txt").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    _ = try pdfdetach(["-save", String(number), "-o", output, file], file: file)
    guard let data = FileManager.default.contents(atPath: output) else {
      throw .unreadable(path: file, message: "pdfdetach wrote no attachment")
    }
    return String(decoding: data, as: UTF8.self)
  }

  static func pdfdetach(_ arguments: [String], file: String) throws(IODocumentError) -> String {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map { "\($0)/pdfdetach" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else {
      throw .unreadable(
        path: file,
        message:
          "verifying a PDF needs pdfdetach; install it with `sudo apt-get install -y poppler-utils`"
      )
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
      throw .unreadable(path: file, message: "cannot run pdfdetach (\(error.localizedDescription))")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw .unreadable(path: file, message: "pdfdetach cannot read it (not a valid PDF?)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
