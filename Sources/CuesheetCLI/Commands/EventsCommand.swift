import Application
import ArgumentParser
import Foundation
import Store

/// `cuesheet events`: lists the append-only event log, newest last.
struct EventsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "List the event log, newest last.",
    discussion: """
      --type takes an exact type (io.scheduled) or a prefix with * (io.*).
      --since takes 2026-11-25, 2026-11-25T08:00:00Z, or a span back from now: 90m, 24h, 7d.
      """)

  @OptionGroup var database: DatabaseOptions
  @Option(help: "Only this event type, or a prefix ending in *.") var type: String?
  @Option(help: "Only events at or after this time.") var since: String?
  @Option(help: "Only events about this subject, e.g. io:IO-1001.") var subject: String?
  @Option(help: "Show only the newest N events.") var limit: Int?
  @Flag(help: "Print the events as JSON.") var json = false

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit).") }
    if let since, Timestamp.parse(since) == nil {
      throw ValidationError(
        "--since '\(since)' is not a time; use 2026-11-25, 2026-11-25T08:00:00Z, or 24h / 7d.")
    }
  }

  func run() async throws {
    try await ExitStatus.run {
      let events = try await QueryEvents(store: try database.open()).run(
        .init(
          type: type, since: try since.map { try QueryEvents.parseSince($0) }, subject: subject,
          limit: limit))
      if json {
        try Output.json(events.map(EventJSON.init))
        return
      }
      if events.isEmpty {
        print("no events")
        return
      }
      for event in events {
        print("\(event.id)\t\(event.occurredAt)\t\(event.type)\t\(event.subject)\t\(event.payload)")
      }
    }
  }
}
