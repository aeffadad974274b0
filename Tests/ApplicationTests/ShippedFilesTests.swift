import Application
import Foundation
import Testing

/// ``ShippedFiles``' lookup order (#14): option → CUESHEET_* setting → current directory → the
/// copy shipped beside the binary (`<prefix>/share/cuesheet`, or the checkout of a build tree).
@Suite("ShippedFiles: where rules, samples and templates come from")
struct ShippedFilesTests {
  /// `<root>/prefix/bin/cuesheet` with `<root>/prefix/share/cuesheet/{rules,samples,reports}`, and
  /// an empty working directory `<root>/work`.
  static func installed() throws -> (root: URL, executable: URL, work: String) {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("shipped-\(UUID().uuidString)")
    let bin = root.appendingPathComponent("prefix/bin")
    try fm.createDirectory(at: bin, withIntermediateDirectories: true)
    fm.createFile(atPath: bin.appendingPathComponent("cuesheet").path, contents: Data())
    for folder in ShippedFiles.Folder.allCases {
      try fm.createDirectory(
        at: root.appendingPathComponent("prefix/share/cuesheet/\(folder.rawValue)"),
        withIntermediateDirectories: true)
    }
    let work = root.appendingPathComponent("work")
    try fm.createDirectory(at: work, withIntermediateDirectories: true)
    return (root, bin.appendingPathComponent("cuesheet"), work.path)
  }

  @Test(
    "each step of the lookup order wins over the ones after it",
    arguments: ShippedFiles.Folder.allCases)
  func lookupOrder(_ folder: ShippedFiles.Folder) throws {
    let (root, executable, work) = try Self.installed()
    defer { try? FileManager.default.removeItem(at: root) }
    func locate(option: String? = nil, environment: [String: String] = [:], cwd: String = work)
      -> ShippedFiles.Located?
    {
      ShippedFiles.locate(
        folder, option: option, environment: environment, currentDirectory: cwd,
        executable: executable)
    }
    let shipped = root.appendingPathComponent("prefix/share/cuesheet/\(folder.rawValue)").path
    #expect(locate() == .init(path: shipped, source: .shipped))
    try FileManager.default.createDirectory(
      atPath: (work as NSString).appendingPathComponent(folder.rawValue),
      withIntermediateDirectories: true)
    #expect(locate() == .init(path: folder.rawValue, source: .currentDirectory))
    #expect(
      locate(environment: [folder.setting: "/elsewhere"])
        == .init(path: "/elsewhere", source: .setting))
    #expect(
      locate(option: "mine", environment: [folder.setting: "/elsewhere"])
        == .init(path: "mine", source: .option))
    // Nothing anywhere: nil, and the command reports it.
    #expect(
      ShippedFiles.locate(
        folder, option: nil, environment: [:], currentDirectory: root.path,
        executable: URL(fileURLWithPath: "/nonexistent/bin/cuesheet")) == nil)
  }
}
