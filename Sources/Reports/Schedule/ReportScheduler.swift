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
      throw ReportError.schedule(file: template.file, message: "bad schedule: \(error.description)")
    }
  }

  /// Every listed report with its schedule, last run and next due time.
  public func list(now: Date = Date()) throws -> [Entry] {
    let records = try store.writer.read { db in try ReportRuns.all(db) }
    return try builder.loadTemplates([]).map { template in
      let record = records[template.name]
      let schedule = try schedule(of: template)
      return Entry(
        name: template.name, title: template.familyTitle,
        schedule: template.frontMatter.schedule,
        timeZone: schedule?.timeZoneName, lastRunAt: record?.lastRunAt,
        lastStatus: record?.lastStatus,
        lastError: record?.lastError,
        nextDue: schedule.flatMap { ReportRuns.nextDue(record, schedule: $0, now: now) }.map(
          Timestamp.string))
    }
  }

  /// Builds every scheduled report that is due at `now`, each exactly once across overlapping runs.
  /// A failing report is recorded as failed and does not stop the others.
  public func runDue(into out: String, options: BuildOptions, now: Date = Date()) throws
    -> [Outcome]
  {
    var outcomes: [Outcome] = []
    for template in try builder.loadTemplates([]) {
      guard let schedule = try schedule(of: template) else { continue }
      guard
        let token = try ReportRuns.claimIfDue(
          store, report: template.name, schedule: schedule,
          scheduleText: template.frontMatter.schedule!, now: now)
      else {
        let busy = try store.writer.read { db in
          try ReportRuns.all(db)[template.name]?.claimedAt != nil
        }
        outcomes.append(Outcome(name: template.name, status: busy ? "busy" : "not_due"))
        continue
      }
      let clock = ContinuousClock()
      let start = clock.now
      do {
        let summary = try builder.build(templates: [template], into: out, options: options)
        let elapsed = clock.now - start
        try ReportRuns.finish(
          store, report: template.name, token: token, pages: summary.pages,
          durationMs: Int(elapsed.components.seconds * 1000), error: nil, now: now)
        outcomes.append(Outcome(name: template.name, status: "built", pages: summary.pages))
      } catch {
        let message = (error as? ReportError)?.description ?? "\(error)"
        try ReportRuns.finish(
          store, report: template.name, token: token, pages: nil, durationMs: 0, error: message,
          now: now)
        outcomes.append(Outcome(name: template.name, status: "failed", error: message))
      }
    }
    return outcomes
  }
}
