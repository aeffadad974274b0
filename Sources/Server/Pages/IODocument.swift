import Foundation
import Hummingbird
import Pipeline
import Reports
import Store

/// An IO document (the insertion order as sent to the advertiser), rendered by the Reports module's
/// Markdown and HTML renderers; PDF is printed from the HTML by headless Chromium when installed.
struct IODocument {
  enum Format: String { case pdf, html, md }

  let io: IOBooking
  let delivery: Delivery
  let database: String

  /// The document as Markdown: a title and a table of the IO's terms and delivery so far.
  var markdown: String {
    var rows: [(String, String)] = [
      ("IO", io.ioID), ("Status", io.status.rawValue), ("Campaign", io.campaignID),
      ("Advertiser", io.advertiserID), ("Show", io.showID), ("Placement", io.placement.rawValue),
      ("Ad format", io.adFormat.argument),
      ("Flight", "\(io.flight.start) to \(io.flight.end) (\(io.flight.dayCount) days)"),
    ]
    switch io.rate {
    case .cpm(let amount, let goal):
      rows.append(("Rate", "CPM \(amount.formatted())"))
      rows.append(("Impressions goal", String(goal)))
    case .flat(let amount, let spots):
      rows.append(("Rate", "flat \(amount.formatted())"))
      rows.append(("Spots", String(spots)))
    }
    if let code = io.promoCode { rows.append(("Promo code", code)) }
    if let url = io.vanityURL { rows.append(("Vanity URL", url)) }
    rows.append(("Delivered to \(delivery.asOf)", "\(delivery.delivered) impressions"))
    if let pacing = delivery.pacing { rows.append(("Pacing", String(format: "%.1f%%", pacing * 100))) }
    var text = "# Insertion order \(Self.cell(io.ioID))\n\n| Field | Value |\n|---|---|\n"
    for (field, value) in rows { text += "| \(field) | \(Self.cell(value)) |\n" }
    text += "\nGenerated \(Timestamp.string(Date())) from \((database as NSString).lastPathComponent).\n"
    return text
  }

  /// The document as a standalone HTML page (Markdown rendered by the Reports module).
  var html: String {
    """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>Insertion order \(HTMLResponse.escape(io.ioID))</title>
    <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto}
    table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
    </head><body>
    \(Markdown.html(from: markdown))
    </body></html>
    """
  }

  /// Escapes text for a Markdown table cell (pipes, HTML, emphasis).
  static func cell(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "&", "#": out += "\\\(character)"
      case "\n", "\r": out += " "
      default: out.append(character)
      }
    }
    return out
  }

  func response(_ format: Format) async throws -> Response {
    switch format {
    case .md:
      let text = markdown
      return Response(
        status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    case .html:
      return HTMLResponse.make(html)
    case .pdf:
            let page = html
      let pdf = try await blocking { try Self.printPDF(page) }
      return Response(
        status: .ok,
        headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(io.ioID).pdf\""],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: pdf)))
    }
  }

  /// Prints HTML to PDF with `chromium --headless --print-to-pdf`.
  static func printPDF(_ html: String) throws -> Data {
    guard let chromium = Browser.find() else {
      throw APIError(
        .notImplemented, "pdf_unavailable",
        "PDF output needs Chromium on the server (apt-get install chromium); use format=html or md.")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cuesheet-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("io.html")
    let output = directory.appendingPathComponent("io.pdf")
    try Data(html.utf8).write(to: input)
    try Browser.run(
      chromium,
      ["--print-to-pdf=\(output.path)", "--no-pdf-header-footer", input.absoluteString],
      profile: directory.appendingPathComponent("profile").path)
    guard let data = try? Data(contentsOf: output), !data.isEmpty else {
      throw APIError(.internalServerError, "pdf_failed", "Chromium did not produce a PDF.")
    }
    return data
  }
}

/// Finding and running headless Chromium.
enum Browser {
  static func find() -> String? {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for directory in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
        let path = directory + "/" + name
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }

  /// Runs Chromium headless with `arguments`, at most 60 seconds.
  static func run(_ chromium: String, _ arguments: [String], profile: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments =
      ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=\(profile)"]
      + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    if process.isRunning { process.terminate() }
  }
}
