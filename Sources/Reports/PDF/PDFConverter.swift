import Foundation

/// Turns self-contained HTML into a PDF by running WeasyPrint (`weasyprint`, a Debian package) as a
/// subprocess. WeasyPrint honours print CSS: `@page` size and margins, page-number counters, rows
/// kept whole (`break-inside: avoid`), table headers repeated on each page.
///
/// ```swift
/// let converter = PDFConverter()
/// guard converter.isAvailable else { … }
/// try converter.convert(html: html, to: "IO-1001.pdf")
/// ```
public struct PDFConverter: Sendable {
  /// The engine's executable: a name looked up on `PATH`, or a path.
  public var executable: String
  /// Seconds the engine may run before it is stopped (`nil`: no limit). The server sets one, so a
  /// document that makes WeasyPrint spin cannot hold a process forever.
  public var timeoutSeconds: Double?

  public init(
    executable: String = ProcessInfo.processInfo.environment["CUESHEET_WEASYPRINT"] ?? "weasyprint"
  ) {
    self.executable = executable
  }

  /// The engine's full path, or `nil` when it is not installed.
  public var resolvedPath: String? {
    if executable.contains("/") {
      return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(executable)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// True when the engine is installed.
  public var isAvailable: Bool { resolvedPath != nil }

  /// Writes the PDF of `html` to `output` (through a temporary HTML file beside nothing else),
  /// embedding each of `attachments` (file name → text) as an attached file.
  public func convert(
    html: String, to output: String, attachments: [(name: String, text: String)] = []
  ) throws(PDFError) {
    guard let engine = resolvedPath else { throw .engineMissing(engine: executable) }
    let input = FileManager.default.temporaryDirectory
      .appendingPathComponent("cuesheet-pdf-\(UUID().uuidString).html")
    do {
      try html.write(to: input, atomically: true, encoding: .utf8)
    } catch {
      throw .io(
        path: input.path,
        message: "cannot write the temporary HTML file (\(error.localizedDescription))")
    }
    defer { try? FileManager.default.removeItem(at: input) }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("cuesheet-pdf-\(UUID().uuidString)")
    var arguments = ["--quiet", "--encoding", "utf-8"]
    if !attachments.isEmpty {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for attachment in attachments {
          let file = folder.appendingPathComponent(attachment.name)
          try attachment.text.write(to: file, atomically: true, encoding: .utf8)
          arguments += ["--attachment", file.path]
        }
      } catch {
        throw .io(
          path: folder.path,
          message: "cannot write the PDF's attachments (\(error.localizedDescription))")
      }
    }
    defer { try? FileManager.default.removeItem(at: folder) }

    // The engine's error output goes to a file beside the input (not a pipe), so waiting for the
    // process never depends on draining it, and a time limit can be kept on this thread.
    let errorsPath = input.path + ".stderr"
    FileManager.default.createFile(atPath: errorsPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errorsPath) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: engine)
    process.arguments = arguments + [input.path, output]
    process.standardError = FileHandle(forWritingAtPath: errorsPath)
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .engineMissing(engine: executable)
    }
    if let timeoutSeconds {
      let deadline = Date().addingTimeInterval(timeoutSeconds)
      while process.isRunning && Date() < deadline { usleep(20_000) }
      if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        throw .engineFailed(
          engine: executable, status: process.terminationStatus,
          message: "stopped after the time limit of \(Int(timeoutSeconds)) s")
      }
    }
    process.waitUntilExit()
    let data = FileManager.default.contents(atPath: errorsPath) ?? Data()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      throw .engineFailed(
        engine: executable, status: process.terminationStatus,
        message: text.isEmpty ? "no error output" : String(text.suffix(400)))
    }
    guard FileManager.default.fileExists(atPath: output) else {
      throw .io(path: output, message: "\(executable) reported success but wrote no PDF")
    }
  }
}
