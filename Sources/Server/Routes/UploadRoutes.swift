import Application
import Foundation
import Hummingbird
import Ingest

/// `POST /api/v1/etl/upload?kind=KIND[&file_name=NAME]`: a CSV body (`text/csv`) or a multipart
/// form, imported with the same ``Importer`` call as `cuesheet import KIND FILE`.
struct UploadRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    group.post("v1/etl/upload") { request, context in
      let (result, name) = try await upload(request, context: context)
      return try JSONResponse.make(ImportResultJSON(result, file: name))
    }
  }

  /// Receives the body, imports it all-or-nothing, and removes the temporary file.
  func upload(_ request: Request, context: some RequestContext) async throws -> (
    ImportResult, String
  ) {
    let query = request.query
    let receiver = UploadReceiver(
      maxBytes: server.configuration.maxUploadBytes, directory: server.uploadDirectory)
    let kindName = query.get("kind")
    if let kindName, ImportKind(name: kindName) == nil { throw Self.unknownKind(kindName) }
    let received = try await receiver.receive(
      request, fileName: query.get("file_name"), context: context)
    defer { received.remove() }
    guard let name = kindName ?? received.fields["kind"] else {
      throw APIError.badRequest(
        "Missing kind; pass ?kind=metrics-daily (or another kind) with the upload.")
    }
    guard let kind = ImportKind(name: name) else { throw Self.unknownKind(name) }
    // Recorded and reported under the client's file name, not the temporary path.
    let options = ImportOptions(displayName: received.fileName)
    do {
      let results = try await ImportCSV(store: server.store).run(
        .init(source: .file(kind, path: received.file.path), options: options))
      await server.checkpointWAL()
      return (results[0], received.fileName)
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
