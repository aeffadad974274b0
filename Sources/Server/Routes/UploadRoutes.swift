import Foundation
import Hummingbird
import Ingest

/// `POST /api/v1/etl/upload?kind=KIND[&file_name=NAME]`: a CSV body (`text/csv`) or a multipart
/// form, imported with the same ``Importer`` call as `cuesheet import KIND FILE`.
struct UploadRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    group.post("v1/etl/upload") { request, _ in
      let result = try await upload(request)
      return try JSONResponse.make(UploadResultJSON(result))
    }
  }

  /// Receives the body, imports it all-or-nothing, and removes the temporary file.
  func upload(_ request: Request) async throws -> ImportResult {
    let query = request.uri.queryParameters
    let receiver = UploadReceiver(
      maxBytes: server.configuration.maxUploadBytes, directory: server.uploadDirectory)
    let kindName = query.get("kind")
    if let kindName, ImportKind(name: kindName) == nil { throw Self.unknownKind(kindName) }
    let received = try await receiver.receive(request, fileName: query.get("file_name"))
    defer { received.remove() }
    guard let name = kindName ?? received.fields["kind"] else {
      throw APIError.badRequest(
        "Missing kind; pass ?kind=metrics-daily (or another kind) with the upload.")
    }
    guard let kind = ImportKind(name: name) else { throw Self.unknownKind(name) }
    let importer = Importer(store: server.store)
    let path = received.file.path
    // Recorded and reported under the client's file name, not the temporary path.
    let options = ImportOptions(displayName: received.fileName)
    do {
      let result = try await blocking {
        try importer.importFile(kind, path: path, options: options)
      }
      await server.checkpointWAL()
      return result
    } catch {
      await server.checkpointWAL()
      throw error
    }
  }

  static func unknownKind(_ name: String) -> APIError {
    .badRequest(
      "Unknown kind '\(name)'; use one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))."
    )
  }
}

/// An import result, with the same keys as `cuesheet import --json`.
struct UploadResultJSON: Encodable {
  let importID: Int64?
  let kind, file, sha256: String
  let dryRun, skipInvalid: Bool
  let rowsTotal, inserted, updated, unchanged, rejected, durationMs, errorsTotal: Int

  init(_ r: ImportResult) {
    importID = r.importID
    kind = r.kind.rawValue
    file = (r.fileName as NSString).lastPathComponent
    sha256 = r.sha256
    dryRun = r.dryRun
    skipInvalid = r.skipInvalid
    rowsTotal = r.rowsTotal
    inserted = r.inserted
    updated = r.updated
    unchanged = r.unchanged
    rejected = r.rejected
    durationMs = r.durationMS
    errorsTotal = r.errorsTotal
  }
}
