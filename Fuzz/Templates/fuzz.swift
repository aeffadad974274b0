// libFuzzer target: the report template lexer and parser (Sources/Reports/Template: front matter,
// named queries, blocks, embedded expressions). Build and run with `scripts/fuzz.sh templates`.
//
// Property beyond "no crash": a template that does not parse fails with a ReportError.template
// whose line and column are inside the text.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    _ = try TemplateParser().parse(text, name: "fuzz", file: "fuzz.md")
  } catch let error as ReportError {
    guard case .template(_, let location, _) = error else {
      fatalError("parsing threw \(error), not a template error")
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    if location.line < 1 || location.line > lines + 1 || location.column < 1 {
      fatalError("error location \(location) is outside the text (\(lines) lines): \(error)")
    }
    _ = error.description
  } catch {
    fatalError("parsing threw \(type(of: error)), not a ReportError: \(error)")
  }
  return 0
}
