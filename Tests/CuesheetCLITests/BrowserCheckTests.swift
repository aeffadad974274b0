import CuesheetTesting
import Foundation
import Testing

/// What the browser check needs: Debian's `chromium` and `chromium-driver`, and `.venv` with
/// selenium and axe-selenium-python (all installed by `scripts/setup.sh`, which CI runs).
enum BrowserTools {
  static let python = PackageRoot.appending(".venv/bin/python").path
  static let script = PackageRoot.appending("scripts/browser-check.py").path

  static var missing: [String] {
    var missing: [String] = []
    let fileManager = FileManager.default
    if !["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains(where: fileManager.fileExists) {
      missing.append("chromium")
    }
    if !["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].contains(
      where: fileManager.fileExists)
    {
      missing.append("chromium-driver")
    }
    if !fileManager.isExecutableFile(atPath: python) { missing.append(".venv (scripts/setup.sh)") }
    return missing
  }

}

/// Opens the demo build's pages in headless Chromium at 1280 and 390 px and fails on clipped chart
/// text, text overflowing a table cell, a page that scrolls sideways, broken images or links, and
/// axe-core accessibility violations (`scripts/browser-check.py`). Outside CI it is skipped, with
/// the reason, when the tools are missing; under `CI=true` it runs and a missing tool fails it.
///
/// Screenshots stay in `.build/browser-check/demo/dashboards/screenshots/` for a person to look at.
/// The creator and advertiser folders (one page per show or advertiser) are sampled: at most 6
/// pages each, the first, the last and evenly spaced ones, so the check takes about a minute.
@Suite(
  "Dashboards in a browser", .serialized, .timeLimit(.minutes(20)),
  .enabled(
    if: HostTools.shouldRun(missing: BrowserTools.missing),
    "\(HostTools.skipReason(BrowserTools.missing))"))
struct BrowserCheckTests {
  @Test("every demo page passes the layout, link and accessibility checks at 1280 and 390 px")
  func demoPagesPass() throws {
    try HostTools.require(BrowserTools.missing)
    let out = PackageRoot.appending(".build/browser-check/demo")
    try? FileManager.default.removeItem(at: out)
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let demo = try CLIRunner.run(["demo", "--out", out.path])
    try #require(demo.status == 0, "cuesheet demo failed: \(demo.stderr)")

    let check = try Self.run(
      BrowserTools.python,
      [
        BrowserTools.script, out.appendingPathComponent("dashboards").path,
        out.appendingPathComponent("io").path, "--sample", "6",
      ])
    #expect(check.status == 0, "browser check failed:\n\(check.output)")
    #expect(check.output.contains("0 problem(s)"), "\(check.output)")
    let shots = out.appendingPathComponent("dashboards/screenshots").path
    let pngs = (try? FileManager.default.contentsOfDirectory(atPath: shots))?.filter {
      $0.hasSuffix(".png")
    }
    #expect((pngs?.count ?? 0) >= 2 * 6, "expected screenshots in \(shots)")
  }

  @Test("the check itself fails on a page with clipped chart text and a broken link")
  func checkCatchesProblems() throws {
    try HostTools.require(BrowserTools.missing)
    let directory = try TemporaryDirectory()
    let page = """
      <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
      <body><main><h1>Bad</h1>
      <svg viewBox="0 0 100 40" width="100" role="img" aria-label="clipped">
      <text x="90" y="20" font-size="12">2026-11-24 is clipped</text></svg>
      <p><a href="missing.html">a broken link</a></p></main></body></html>
      """
    try page.write(toFile: directory.path("index.html"), atomically: true, encoding: .utf8)
    let check = try Self.run(
      BrowserTools.python, [BrowserTools.script, directory.url.path, "--widths", "390"])
    #expect(check.status == 1, "\(check.output)")
    #expect(check.output.contains("overflows its SVG"), "\(check.output)")
    #expect(check.output.contains("is broken"), "\(check.output)")
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = PackageRoot.url
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
