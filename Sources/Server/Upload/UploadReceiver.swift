import Foundation
import Hummingbird

/// Streams an upload's body to a temporary file, enforcing a size cap.
///
/// A `text/csv` (or any non-multipart) body is written as is; a `multipart/form-data` body has its
/// file part extracted on the fly. Beyond `maxBytes` of body the upload stops with a 413.
///
/// Each upload gets its own folder in `directory`, named `cuesheet-upload-PID-UUID`, removed after
/// the import. A server killed mid-upload leaves its folder behind; ``removeStale(in:)`` (run at
/// start-up) removes the folders of processes that no longer run.
struct UploadReceiver {
  let maxBytes: Int
  var directory = FileManager.default.temporaryDirectory

  static let folderPrefix = "cuesheet-upload-"

  /// What arrived: the temporary file (in its own folder, named after the upload) and form fields.
  struct Received {
    let directory: URL
    let file: URL
    let fileName: String
    let fields: [String: String]

    func remove() { try? FileManager.default.removeItem(at: directory) }
  }

  func receive(
    _ request: Request, fileName suggested: String?, context: some RequestContext
  ) async throws -> Received {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
      throw tooLarge
    }
    let directory = self.directory.appendingPathComponent(
      "\(Self.folderPrefix)\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let contentType = request.headers[.contentType] ?? "text/csv"
    let isMultipart = contentType.lowercased().hasPrefix("multipart/form-data")
    var extractor: MultipartExtractor?
    if isMultipart {
      guard let boundary = MultipartExtractor.boundary(contentType: contentType) else {
        try? FileManager.default.removeItem(at: directory)
        throw APIError.badRequest("The multipart body has no boundary in its Content-Type header.")
      }
      extractor = MultipartExtractor(boundary: boundary)
    }
    let partial = directory.appendingPathComponent("upload.partial")
    let bytes = UploadBytes(
      body: request.body, state: .init(maxBytes: maxBytes, extractor: extractor, tooLarge: tooLarge)
    )
    do {
      // Written through NIO's file system (its thread pool), chunk by chunk as the body streams in.
      do {
        try await FileIO().writeFile(contents: bytes, path: partial.path, context: context)
      } catch {
        throw bytes.state.failure ?? error
      }
      if let extractor = bytes.state.extractor, !extractor.sawFile {
        throw APIError.badRequest(
          "The multipart form has no file part; send the CSV in a field named \"file\".")
      }
    } catch {
      try? FileManager.default.removeItem(at: directory)
      throw error
    }
    let name = Self.safeName(suggested ?? bytes.state.extractor?.fileName ?? "upload.csv")
    let file = directory.appendingPathComponent(name)
    try FileManager.default.moveItem(at: partial, to: file)
    return Received(
      directory: directory, file: file, fileName: name,
      fields: bytes.state.extractor?.fields ?? [:])
  }

  private var tooLarge: APIError {
    APIError(
      .contentTooLarge, "too_large",
      "The upload is larger than the limit of \(maxBytes / (1024 * 1024)) MB; split the file or raise --max-upload-mb."
    )
  }

  /// Removes the upload folders in `directory` left by processes that no longer run (a server
  /// killed mid-upload); returns how many it removed. Folders of running processes are kept.
  @discardableResult
  static func removeStale(in directory: URL) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var removed = 0
    for name in names where name.hasPrefix(folderPrefix) {
      let rest = name.dropFirst(folderPrefix.count)
      // Folders from before the PID was part of the name have a UUID there: stale as well.
      let pid = rest.split(separator: "-", maxSplits: 1).first.flatMap { Int32($0) }
      if let pid, pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { continue }
      if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil {
        removed += 1
      }
    }
    return removed
  }

  /// A file name safe to use in the temporary folder: the last path component, `[A-Za-z0-9._ -]`.
  static func safeName(_ name: String) -> String {
    let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    var cleaned = String(
      last.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._- ".contains($0)) ? $0 : "_" })
    while cleaned.hasPrefix(".") { cleaned.removeFirst() }
    return cleaned.isEmpty ? "upload.csv" : String(cleaned.prefix(100))
  }
}
