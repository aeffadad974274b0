import Foundation
import Testing

/// `reports run --due` from cron: a broken template is recorded and the others still build, and
/// the exit code (1, "a check failed") tells cron that something needs a look (issue #14).
@Suite("cuesheet reports run --due: failures are isolated")
struct ReportsRunExitTests {
  @Test("a template with an unknown time zone fails alone; the good one is built; exit 1")
  func brokenTemplateExitsOne() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("r.db")
    #expect(try CLIRunner.run(["db", "migrate", "--db", db]).status == 0)
    let templates = temp.url.appendingPathComponent("templates")
    try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
    try "---\ntitle: Zone\nschedule: \"* * * * *\"\ntimezone: Mars/Olympus\n---\nx\n".write(
      to: templates.appendingPathComponent("a_zone.md"), atomically: true, encoding: .utf8)
    try "---\ntitle: Daily\nschedule: \"* * * * *\"\n---\n# Daily\n\nHello.\n".write(
      to: templates.appendingPathComponent("daily.md"), atomically: true, encoding: .utf8)
    let out = temp.path("out")
    let result = try CLIRunner.run([
      "reports", "run", "--due", "--templates", templates.path, "--out", out, "--db", db,
    ])
    #expect(result.status == 1, "stdout: \(result.stdout) stderr: \(result.stderr)")
    #expect(result.stdout.contains("a_zone\tfailed"))
    #expect(result.stdout.contains("unknown time zone \"Mars/Olympus\""))
    #expect(result.stdout.contains("daily\tbuilt"))
    #expect(FileManager.default.fileExists(atPath: out + "/daily/index.md"))
  }
}
