import Foundation

extension PDFConverter {
  /// One conversion's files and command line: the HTML input and the attachments in temporary
  /// files, WeasyPrint's error output in a file beside them (not a pipe, so waiting for the process
  /// never depends on draining it).
  struct Job: Sendable {
    let executable: String
    let engine: String
    let input: URL
    let folder: URL
    let errorsPath: String
    let arguments: [String]
    let output: String

    /// Writes the input files; throws when the engine is missing or a file cannot be written.
    init(
      _ converter: PDFConverter, html: String, output: String,
      attachments: [(name: String, text: String)]
    ) throws(PDFError) {
      guard let engine = converter.resolvedPath else {
        throw .engineMissing(engine: converter.executable)
      }
      executable = converter.executable
      self.engine = engine
      self.output = output
      let temporary = FileManager.default.temporaryDirectory
      let id = UUID().uuidString
      input = temporary.appendingPathComponent("cuesheet-pdf-\(id).html")
      folder = temporary.appendingPathComponent("cuesheet-pdf-\(id)")
      errorsPath = input.path + ".stderr"
      var arguments = ["--quiet", "--encoding", "utf-8"]
      do {
        try html.write(to: input, atomically: true, encoding: .utf8)
      } catch {
        throw .io(
          path: input.path,
          message: "cannot write the temporary HTML file (\(error.localizedDescription))")
      }
      if !attachments.isEmpty {
        do {
          try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
          for attachment in attachments {
            let file = folder.appendingPathComponent(attachment.name)
            try attachment.text.write(to: file, atomically: true, encoding: .utf8)
            arguments += ["--attachment", file.path]
          }
        } catch {
          try? FileManager.default.removeItem(at: input)
          throw .io(
            path: folder.path,
            message: "cannot write the PDF's attachments (\(error.localizedDescription))")
        }
      }
      self.arguments = arguments
      FileManager.default.createFile(atPath: errorsPath, contents: nil)
    }

    /// The process, not yet started.
    func prepare() -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: engine)
      process.arguments = arguments + [input.path, output]
      process.standardError = FileHandle(forWritingAtPath: errorsPath)
      process.standardOutput = FileHandle.nullDevice
      return process
    }

    /// Starts `process`.
    func launch(_ process: Process) throws(PDFError) {
      do {
        try process.run()
      } catch {
        throw .engineMissing(engine: executable)
      }
    }

    /// ``prepare()`` and ``launch(_:)``.
    func start() throws(PDFError) -> Process {
      let process = prepare()
      try launch(process)
      return process
    }

    /// The error for a process stopped at the time limit.
    func timedOut(after seconds: Double, status: Int32) -> PDFError {
      .engineFailed(
        engine: executable, status: status,
        message: "stopped after the time limit of \(Int(seconds)) s")
    }

    /// Checks the finished process: exit status 0 and a PDF written.
    func finish(status: Int32) throws(PDFError) {
      guard status == 0 else {
        let data = FileManager.default.contents(atPath: errorsPath) ?? Data()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines)
        throw .engineFailed(
          engine: executable, status: status,
          message: text.isEmpty ? "no error output" : String(text.suffix(400)))
      }
      guard FileManager.default.fileExists(atPath: output) else {
        throw .io(path: output, message: "\(executable) reported success but wrote no PDF")
      }
    }

    /// Removes the temporary input, attachments and error output.
    func removeFiles() {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(atPath: errorsPath)
    }
  }

  /// Stops `process` with `SIGKILL`. Not `terminate()` (`SIGTERM`): a child started from a
  /// dispatch or cooperative thread inherits that thread's blocked signals on Linux, so `SIGTERM`
  /// stays pending and the engine runs on past its limit (measured: a `sleep 60` engine ran the
  /// full 60 s); `SIGKILL` cannot be blocked.
  static func forceStop(_ process: Process) {
    _ = kill(process.processIdentifier, SIGKILL)
  }

  /// A started process as the async conversion's time limit sees it: stopped only while it runs,
  /// so a finished process's (possibly reused) id is never signalled.
  final class RunningProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var process: Process?
    private var hasExited = false
    private var stopRequested = false
    private var stopped = false

    func started(_ process: Process) {
      let stopNow = lock.withLock {
        self.process = process
        return stopRequested && !hasExited
      }
      if stopNow { stop() }
    }

    func exited() { lock.withLock { hasExited = true } }

    /// Terminates the process if it is running (or as soon as it has started).
    func stop() {
      lock.withLock {
        stopRequested = true
        guard let process, !hasExited else { return }
        stopped = true
        PDFConverter.forceStop(process)
      }
    }

    /// True when ``stop()`` terminated the process.
    var wasStopped: Bool { lock.withLock { stopped } }
  }
}
