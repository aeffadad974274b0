import Foundation
import Reports
import Testing

/// Issue #16: pages rendered by several workers, and incremental rebuilds, produce exactly the files
/// a one-worker full build produces.
@Suite(.timeLimit(.minutes(20))) struct ParallelIncrementalBuildTests {
  func options(workers: Int, incremental: Bool = true) -> BuildOptions {
    var options = ReportFixture.options()
    options.workers = workers
    options.incremental = incremental
    return options
  }

  /// The inode of a file, to tell a kept file from a rewritten one.
  func inode(_ path: String) throws -> Int {
    try #require(
      FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
  }

  @Test(arguments: [2, 3, 8])
  func severalWorkersWriteTheSameTreeAsOne(workers: Int) throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    _ = try builder.build(
      names: [], into: fixture.path("one"), options: options(workers: 1, incremental: false))
    let summary = try builder.build(
      names: [], into: fixture.path("many"), options: options(workers: workers, incremental: false))
    #expect(summary.built == summary.pages)
    let one = try ReportFixture.tree(fixture.path("one"))
    let many = try ReportFixture.tree(fixture.path("many"))
    #expect(one.keys.sorted() == many.keys.sorted())
    for (name, text) in one { #expect(many[name] == text, "\(name) differs") }
  }

  @Test func aRebuildWithoutChangesKeepsEveryPage() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    let first = try builder.build(names: [], into: out, options: options(workers: 2))
    #expect(first.built == first.pages && first.unchanged == 0)
    let page = out + "/creator/show-tech.html"
    let before = try inode(page)
    let tree = try ReportFixture.tree(out)
    let second = try builder.build(names: [], into: out, options: options(workers: 2))
    #expect(second.built == 0)
    #expect(second.unchanged == first.pages)
    #expect(second.files == first.files)
    #expect(try inode(page) == before, "an unchanged page is not rewritten")
    #expect(try ReportFixture.tree(out) == tree)
  }

  @Test func aDataChangeRebuildsOnlyThePagesItReaches() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    _ = try builder.build(names: ["creator"], into: out, options: options(workers: 2))
    try fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE shows SET creator = 'Ada King' WHERE show_id = 'show-tech'")
    }
    let rebuilt = try builder.build(names: ["creator"], into: out, options: options(workers: 2))
    #expect(rebuilt.built == 1)
    #expect(rebuilt.unchanged == rebuilt.pages - 1)
    // The incremental result is exactly what a full one-worker build makes now.
    _ = try builder.build(
      names: ["creator"], into: fixture.path("full"),
      options: options(workers: 1, incremental: false)
    )
    #expect(try ReportFixture.tree(out) == ReportFixture.tree(fixture.path("full")))
    #expect(try ReportFixture.tree(out)["creator/show-tech.md"]?.contains("Ada King") == true)
  }

  @Test func aTemplateChangeRebuildsItsPages() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates(["shows": PublishTests.good])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    let out = fixture.path("out")
    _ = try builder.build(names: [], into: out, options: options(workers: 2))
    try (PublishTests.good + "\nEdited.\n").write(
      toFile: dir + "/shows.md", atomically: true, encoding: .utf8)
    let rebuilt = try ReportBuilder(store: fixture.store, templatesDirectory: dir).build(
      names: [], into: out, options: options(workers: 2))
    #expect(rebuilt.built == 1 && rebuilt.unchanged == 0)
    #expect(try ReportFixture.tree(out)["shows/index.md"]?.contains("Edited.") == true)
  }
}
