import Foundation
import Reports
import Testing

@Suite(.timeLimit(.minutes(20))) struct PublishTests {
  static let good = """
    ---
    title: Shows
    ---
    ```sql shows
    SELECT show_id, name FROM shows ORDER BY show_id
    ```
    {% table shows show_id="Id" name="Name" %}
    """

  static let failing = """
    ---
    title: Shows
    ---
    ```sql shows
    SELECT show_id, no_such_column FROM shows
    ```
    {% table shows %}
    """

  @Test func failingQueryLeavesPreviousOutputIntact() throws {
    let fixture = try ReportFixture()
    let out = fixture.path("out")
    let goodDir = try fixture.templates(["shows": Self.good, "other": Self.good])
    _ = try ReportBuilder(store: fixture.store, templatesDirectory: goodDir).build(
      names: [], into: out, options: ReportFixture.options())
    let before = try ReportFixture.tree(out)
    #expect(before["shows/index.md"]?.contains("Tech Daily") == true)

    let badDir = try fixture.templates(["shows": Self.failing, "other": Self.good])
    #expect(throws: ReportError.self) {
      try ReportBuilder(store: fixture.store, templatesDirectory: badDir).build(
        names: [], into: out, options: ReportFixture.options())
    }
    #expect(try ReportFixture.tree(out) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
      .filter { $0.contains(".staging-") || $0.contains(".old-") }
    #expect(leftovers.isEmpty)
  }

  @Test func buildingOneReportKeepsTheOthers() throws {
    let fixture = try ReportFixture()
    let out = fixture.path("out")
    let dir = try fixture.templates(["shows": Self.good, "other": Self.good])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    _ = try builder.build(names: [], into: out, options: ReportFixture.options())
    let before = try ReportFixture.tree(out)
    func inode() throws -> Int? {
      try FileManager.default.attributesOfItem(atPath: out + "/other/index.html")[.systemFileNumber]
        as? Int
    }
    let kept = try inode()
    _ = try builder.build(names: ["shows"], into: out, options: ReportFixture.options())
    let files = try ReportFixture.tree(out)
    #expect(files["other/index.md"] == before["other/index.md"])
    #expect(try inode() == kept, "a report carried over is linked, not copied")
    #expect(files["index.md"]?.contains("other/index.md") == true)
  }

  @Test func strictTurnsWarningsIntoFailures() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates([
      "empty": """
      ---
      title: "{{ name }}"
      pages: SELECT name FROM shows WHERE 0
      ---
      Nothing.
      """
    ])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    let summary = try builder.build(
      names: [], into: fixture.path("out"), options: ReportFixture.options())
    #expect(summary.warnings.count == 1)
    var strict = ReportFixture.options()
    strict.strict = true
    #expect(throws: ReportError.self) {
      try builder.build(names: [], into: fixture.path("strict"), options: strict)
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.path("strict")))
  }
}
