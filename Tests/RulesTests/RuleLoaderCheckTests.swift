import CuesheetTesting
import Diagnostics
import Foundation
import Testing

@testable import Rules

/// Rule files found the same way by every command (issue #14): each file once, rule sets by name
/// across files, `rules check FILE` in the context of the others.
@Suite("RuleLoader files and check")
struct RuleLoaderCheckTests {
  /// A temporary `rules/` folder: the shipped files plus an analyst's file that leans on them.
  final class Folder {
    let root: String
    var rules: String { root + "/rules" }

    init() throws {
      root =
        FileManager.default.temporaryDirectory.appendingPathComponent(
          "cuesheet-rules-\(UUID().uuidString)"
        ).path
      try FileManager.default.createDirectory(
        atPath: root + "/rules", withIntermediateDirectories: true)
      for name in ["flags.rules", "matchmaking.rules"] {
        try FileManager.default.copyItem(
          atPath: PackageRoot.path("rules/" + name), toPath: rules + "/" + name)
      }
      try """
      flag FAMILY_MATCHING {
        description "Turns on the family rule set."
        requires ENABLE_MATCHMAKING
        default on
      }

      matchmaking family {
        require "clean": !show.explicit
        signal "reach" weight 1.0: math.least(1.0, double(show.downloads_30d) / 10000.0)
        keep score >= 0.1
      }
      """.write(toFile: rules + "/analyst.rules", atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
  }

  @Test("a file named directly and through its folder is loaded once")
  func eachFileOnce() throws {
    let folder = try Folder()
    let files = try RuleLoader.files(in: [
      folder.rules + "/flags.rules", folder.rules + "/matchmaking.rules", folder.rules,
      folder.rules + "/./flags.rules",
    ])
    #expect(files.count == 3, "\(files)")
    let book = try RuleLoader.load(paths: [folder.rules + "/flags.rules", folder.rules])
    #expect(book.warnings.isEmpty, "\(book.warnings.map(\.description))")
    #expect(book.ruleSet(named: "family") != nil)
    #expect(book.ruleSet(named: "default") != nil)
  }

  @Test("rules check FILE sees the flags of the other files: no false warnings")
  func checkOneFileInContext() throws {
    let folder = try Folder()
    let alone = RuleLoader.analyze([
      SourceFile(
        name: "analyst.rules",
        text: try String(contentsOfFile: folder.rules + "/analyst.rules", encoding: .utf8))
    ])
    #expect(alone.1.contains { $0.message.contains("no rule file defines") })
    let result = try RuleLoader.check(
      [folder.rules + "/analyst.rules"], context: [folder.rules])
    #expect(result.files == [folder.rules + "/analyst.rules"])
    #expect(result.diagnostics.map(\.description) == [])
    #expect(result.loaded.count == 3)
    #expect(result.book?.ruleSet(named: "family") != nil)
  }

  @Test("errors of the checked file are kept, errors elsewhere are counted")
  func checkKeepsOwnErrors() throws {
    let folder = try Folder()
    try "flag BROKEN {\n  default maybe\n}\n".write(
      toFile: folder.rules + "/broken.rules", atomically: true, encoding: .utf8)
    let result = try RuleLoader.check(
      [folder.rules + "/analyst.rules"], context: [folder.rules])
    #expect(result.diagnostics.isEmpty)
    #expect(result.contextErrors >= 1)
    #expect(result.book == nil)
    let own = try RuleLoader.check([folder.rules + "/broken.rules"], context: [folder.rules])
    #expect(own.diagnostics.contains { $0.severity == .error })
  }

  @Test("a missing optional context is skipped")
  func optionalContext() throws {
    let folder = try Folder()
    let result = try RuleLoader.check(
      [folder.rules + "/flags.rules"], context: [folder.root + "/nowhere"],
      contextIsOptional: true)
    #expect(result.loaded == [folder.rules + "/flags.rules"])
    #expect(throws: RuleFileReadError.self) {
      try RuleLoader.check([folder.rules + "/flags.rules"], context: [folder.root + "/nowhere"])
    }
  }
}
