import Foundation
import Ingest

/// The HTML of the server's own pages: plain forms and tables, no JavaScript.
enum PageHTML {
  static func page(_ title: String, _ body: String) -> String {
    """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
    <title>\(HTMLResponse.escape(title)) · Cuesheet</title>
    <style>
    body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
    table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
    .ok{color:#176117}.error{color:#a11}label{display:block;margin:.6rem 0}
    </style></head><body>
    <h1>\(HTMLResponse.escape(title))</h1>
    \(body)
    </body></html>
    """
  }

  static func login(next: String, failed: Bool) -> String {
    page(
      "Sign in",
      """
      \(failed ? "<p class=\"error\" id=\"login-error\">That token is not valid (or was revoked).</p>" : "")
      <form method="post" action="/login">
      <label>API token <input type="password" name="token" autocomplete="off" required></label>
      <input type="hidden" name="next" value="\(HTMLResponse.escape(next))">
      <button type="submit">Sign in</button>
      </form>
      <p>Create a token with <code>cuesheet tokens create NAME</code>.</p>
      """)
  }

  static func home() -> String {
    page(
      "Cuesheet",
      """
      <ul>
      <li><a href="/dashboards/">Dashboards</a> (built by <code>cuesheet reports build</code>)</li>
      <li><a href="/upload">Upload a CSV</a></li>
      <li><a href="/healthz">Health check</a></li>
      </ul>
      <p>The JSON API lives under <code>/api/v1/</code> and takes <code>Authorization: Bearer TOKEN</code>;
      see <code>docs/openapi.yaml</code>.</p>
      <form method="post" action="/logout"><button type="submit">Sign out</button></form>
      """)
  }

  static func uploadForm() -> String {
    let options = ImportKind.allCases.map { kind in
      "<option value=\"\(kind.rawValue)\"\(kind == .metricsDaily ? " selected" : "")>\(kind.rawValue)</option>"
    }.joined()
    return page(
      "Upload a CSV",
      """
      <p>The file is imported all or nothing: one invalid value and nothing is written.</p>
      <form method="post" action="/upload" enctype="multipart/form-data">
      <label>Kind <select name="kind" id="kind">\(options)</select></label>
      <label>CSV file <input type="file" name="file" id="file" accept=".csv,text/csv" required></label>
      <button type="submit" id="submit">Upload</button>
      </form>
      <p><a href="/">Home</a></p>
      """)
  }

  static func uploadResult(_ r: ImportResult) -> String {
    page(
      "Import complete",
      """
      <p class="ok" id="result">Imported \(HTMLResponse.escape(r.kind.rawValue)): \(r.rowsTotal) rows;
      \(r.inserted) inserted, \(r.updated) updated, \(r.unchanged) unchanged\(r.importID.map { " (import #\($0))" } ?? "").</p>
      <p><a href="/upload">Upload another file</a> · <a href="/">Home</a></p>
      """)
  }

  static func uploadFailure(_ error: APIError) -> String {
    var rows = ""
    for detail in error.details {
      guard case .object(let fields) = detail else { continue }
      func text(_ key: String) -> String {
        switch fields[key] {
        case .string(let value): HTMLResponse.escape(value)
        case .int(let value): String(value)
        default: ""
        }
      }
      rows +=
        "<tr><td>\(text("line"))</td><td>\(text("column"))</td><td>\(text("value"))</td><td>\(text("expected"))</td></tr>\n"
    }
    let table =
      rows.isEmpty
      ? ""
      : "<table id=\"errors\"><tr><th>Line</th><th>Column</th><th>Value</th><th>Expected</th></tr>\n\(rows)</table>"
    return page(
      "Import failed",
      """
      <p class="error" id="result">\(HTMLResponse.escape(error.message))</p>
      \(table)
      <p><a href="/upload">Try again</a> · <a href="/">Home</a></p>
      """)
  }

  /// A page with one sentence, such as a refusal.
  static func message(title: String, text: String) -> String {
    page(title, "<p class=\"error\" id=\"result\">\(HTMLResponse.escape(text))</p>")
  }
}
