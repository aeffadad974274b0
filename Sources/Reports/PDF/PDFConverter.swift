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
  ///
  /// Waits for WeasyPrint on the calling thread; async callers (the server) use
  /// ``convertAsync(html:to:attachments:)``, which holds no thread while it waits.
  public func convert(
    html: String, to output: String, attachments: [(name: String, text: String)] = []
  ) throws(PDFError) {
    let job = try Job(self, html: html, output: output, attachments: attachments)
    defer { job.removeFiles() }
    let process = try job.start()
    if let timeoutSeconds {
      let deadline = Date().addingTimeInterval(timeoutSeconds)
      while process.isRunning && Date() < deadline { usleep(20_000) }
      if process.isRunning {
        Self.forceStop(process)
        process.waitUntilExit()
        throw job.timedOut(after: timeoutSeconds, status: process.terminationStatus)
      }
    }
    process.waitUntilExit()
    try job.finish(status: process.terminationStatus)
  }

  /// ``convert(html:to:attachments:)`` for async callers: the process's termination handler
  /// resumes the caller, and the time limit is a timer that stops the process, so no thread is
  /// parked (and nothing polls) while WeasyPrint runs.
  public func convertAsync(
    html: String, to output: String, attachments: [(name: String, text: String)] = []
  ) async throws(PDFError) {
    let job = try Job(self, html: html, output: output, attachments: attachments)
    defer { job.removeFiles() }
    let running = RunningProcess()
    // The time limit: a timer that stops the process if it is still running. A dispatch timer
    // rather than a sleeping task, so it fires on time even when every cooperative thread is busy
    // (a task would wait for one, and the process could outlive its limit).
    let watchdog = timeoutSeconds.map { seconds in
      let stop = DispatchWorkItem { running.stop() }
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: stop)
      return stop
    }
    defer { watchdog?.cancel() }
    let status: Result<Int32, PDFError> = await withCheckedContinuation { continuation in
      do throws(PDFError) {
        let process = job.prepare()
        process.terminationHandler = { process in
          running.exited()
          continuation.resume(returning: .success(process.terminationStatus))
        }
        try job.launch(process)
        running.started(process)
      } catch {
        continuation.resume(returning: .failure(error))
      }
    }
    let exitStatus = try status.get()
    if running.wasStopped, let timeoutSeconds {
      throw job.timedOut(after: timeoutSeconds, status: exitStatus)
    }
    try job.finish(status: exitStatus)
  }
}
