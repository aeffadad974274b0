import Foundation
import Store

/// Maps a file's header onto a kind's fields: which CSV column holds which field.
struct HeaderMap {
  /// For each schema field, the index of its CSV column, or `nil` when absent (optional field).
  let columnOf: [Int?]
  /// The original header, as read.
  let header: [String]

  /// Checks the header against `schema`: required columns present, no unknown or repeated names.
  static func make(header: [String], schema: KindSchema, file: String) throws -> HeaderMap {
    let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    var seen: Set<String> = []
    for name in names {
      if !seen.insert(name).inserted {
        throw ImportError.badHeader(
          kind: schema.kind, file: file,
          problem: "the column '\(BoundedText.clip(name))' appears twice in the header; keep one.")
      }
    }
    let known = Set(schema.fields.map(\.name))
    let unknown = names.filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw ImportError.badHeader(
        kind: schema.kind, file: file,
        problem:
          "unknown column\(unknown.count == 1 ? "" : "s") \(Self.list(unknown)) for \(schema.kind.rawValue); the columns are \(schema.fields.map(\.name).joined(separator: ", "))."
      )
    }
    let missing = schema.fields.filter { $0.required && !names.contains($0.name) }.map(\.name)
    if !missing.isEmpty {
      throw ImportError.badHeader(
        kind: schema.kind, file: file,
        problem:
          "missing required column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) for \(schema.kind.rawValue); the header must name \(schema.fields.filter(\.required).map(\.name).joined(separator: ", "))."
      )
    }
    return HeaderMap(
      columnOf: schema.fields.map { field in names.firstIndex(of: field.name) }, header: header)
  }

  /// Names for a message: each clipped to 200 characters, at most 10 of them.
  static func list(_ names: [String]) -> String {
    let shown = names.prefix(10).map { "'\(BoundedText.clip($0))'" }.joined(separator: ", ")
    return names.count > 10 ? "\(shown) and \(names.count - 10) more" : shown
  }
}
