import Foundation
import Store

/// `reports run --due` and `reports list`: which scheduled reports are due, building each once.
public struct ReportScheduler {
  let builder: ReportBuilder
  let store: CuesheetStore

  public init(builder: ReportBuilder, store: CuesheetStore) {
    self.builder = builder
    self.store = store
  }

  /// One report's schedule state, for `reports list`.
  public struct Entry: Sendable, Codable, Equatable {
    public var name: String
    public var title: String
    public var schedule: String?
    public var timeZone: String?
    public var lastRunAt: String?
    public var lastStatus: String?
    public var lastError: String?
    public var nextDue: String?
  }

  /// What `run --due` did for one report.
  public struct Outcome: Sendable, Codable, Equatable {
    public var name: String
    /// `built`, `failed`, `not_due` or `busy` (claimed by another run).
    public var status: String
    public var pages: Int?
    public var error: String?

    public init(name: String, status: String, pages: Int? = nil, error: String? = nil) {
      self.name = name
      self.status = status
      self.pages = pages
      self.error = error
    }
  }

  private func schedule(of template: Template) throws -> CronSchedule? {
    guard let text = template.frontMatter.schedule else { return nil }
    do {
      return try CronSchedule(text, timeZone: template.frontMatter.timeZone)
    } catch let error as CronError {
      throw ReportError.template(
        file: template.file,
        location: ReportChecker.location(of: error, in: template.frontMatter),
        message: "bad schedule: \(error.description)")
    }
  }

  /// Every listed report with its schedule, last run and next due time. A template that cannot be
  /// read or whose schedule is wrong is listed with the error as its status, not left out.
  public func list(now: Date = Date()) throws -> [Entry] {
    let records = try store.writer.read { db in try ReportRuns.all(db) }
    var entries: [Entry] = []
    for name in try builder.templateNames() {
      let record = records[name]
      let template: Template
      do {
        template = try TemplateParser().parse(contentsOf: builder.path(of: name))
      } catch {
        entries.append(
          Entry(
            name: name, title: name, schedule: nil, timeZone: nil, lastRunAt: record?.lastRunAt,
            lastStatus: "invalid", lastError: Self.message(error), nextDue: nil))
        continue
      }
      guard template.frontMatter.listed else { continue }
      var entry = Entry(
        name: template.name, title: template.frontMatter.title,
        schedule: template.frontMatter.schedule, timeZone: template.frontMatter.timeZone,
        lastRunAt: record?.lastRunAt, lastStatus: record?.lastStatus, lastError: record?.lastError,
        nextDue: nil)
      do {
        let schedule = try schedule(of: template)
        entry.timeZone = schedule?.timeZoneName
        entry.nextDue = schedule.flatMap { ReportRuns.nextDue(record, schedule: $0, now: now) }.map(
          Timestamp.string)
      } catch {
        entry.lastStatus = "invalid"
        entry.lastError = Self.message(error)
      }
      entries.append(entry)
    }
    return entries
  }

  static func message(_ error: Error) -> String {
    (error as? ReportError)?.description ?? "\(error)"
  }

  /// Whether a template that cannot be parsed declares a schedule (a `schedule:` line in its front
  /// matter), so that `run --due` reports it instead of silently skipping it.
  static func declaresSchedule(_ path: String) -> String? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
    for line in lines.dropFirst() {
      if line.trimmingCharacters(in: .whitespaces) == "---" { break }
      if line.hasPrefix("schedule:") {
        return line.dropFirst("schedule:".count).trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }

  /// Builds every scheduled report that is due at `now`, each exactly once across overlapping runs.
  ///
  /// Each report is isolated: a template that cannot be read, a bad `schedule:` or time zone, or a
  /// failing query is recorded as failed (`report.failed` with its error) and the others still
  /// build. Only a failure to list the templates directory stops the run.
  public func runDue(into out: String, options: BuildOptions, now: Date = Date()) throws
    -> [Outcome]
  {
    var outcomes: [Outcome] = []
    for name in try builder.templateNames() {
      let path = builder.path(of: name)
      let template: Template
      do {
        template = try TemplateParser().parse(contentsOf: path)
      } catch {
        guard let scheduleText = Self.declaresSchedule(path) else { continue }
        outcomes.append(
          failure(name, scheduleText: scheduleText, error: Self.message(error), now: now))
        continue
      }
      guard template.frontMatter.listed, let scheduleText = template.frontMatter.schedule else {
        continue
      }
      let schedule: CronSchedule
      do {
        schedule = try self.schedule(of: template)!
      } catch {
        outcomes.append(
          failure(name, scheduleText: scheduleText, error: Self.message(error), now: now))
        continue
      }
      outcomes.append(
        run(
          template, schedule: schedule, scheduleText: scheduleText, into: out, options: options,
          now: now))
    }
    return outcomes
  }

  /// Records a report that could not be scheduled; a failure to record is added to the error.
  private func failure(_ name: String, scheduleText: String?, error: String, now: Date) -> Outcome {
    do {
      try ReportRuns.recordFailure(
        store, report: name, scheduleText: scheduleText, error: error, now: now)
      return Outcome(name: name, status: "failed", error: error)
    } catch let recording {
      return Outcome(
        name: name, status: "failed",
        error: error + " (and recording the failure failed: \(recording))")
    }
  }

  /// Claims and builds one report, recording its outcome; never throws.
  private func run(
    _ template: Template, schedule: CronSchedule, scheduleText: String, into out: String,
    options: BuildOptions, now: Date
  ) -> Outcome {
    let token: String
    do {
      guard
        let claimed = try ReportRuns.claimIfDue(
          store, report: template.name, schedule: schedule, scheduleText: scheduleText, now: now)
      else {
        let busy = try store.writer.read { db in
          try ReportRuns.all(db)[template.name]?.claimedAt != nil
        }
        return Outcome(name: template.name, status: busy ? "busy" : "not_due")
      }
      token = claimed
    } catch {
      return Outcome(
        name: template.name, status: "failed",
        error: "cannot claim the report: \(Self.message(error))")
    }
    let clock = ContinuousClock()
    let start = clock.now
    var outcome: Outcome
    var pages: Int?
    var message: String?
    do {
      let summary = try builder.build(templates: [template], into: out, options: options)
      pages = summary.pages
      outcome = Outcome(name: template.name, status: "built", pages: summary.pages)
    } catch {
      message = Self.message(error)
      outcome = Outcome(name: template.name, status: "failed", error: message)
    }
    do {
      try ReportRuns.finish(
        store, report: template.name, token: token, pages: pages,
        durationMs: Self.milliseconds(clock.now - start), error: message, now: now)
    } catch {
      outcome.status = "failed"
      outcome.error =
        (outcome.error.map { $0 + "; " } ?? "")
        + "recording the run failed: \(Self.message(error))"
    }
    return outcome
  }

  /// Whole milliseconds in `duration`, rounded up so a build that ran at all is never 0 ms.
  static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    let partial = attoseconds > 0 ? (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000 : 0
    return Int(seconds) * 1000 + Int(partial)
  }
}
