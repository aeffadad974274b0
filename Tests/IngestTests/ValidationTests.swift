import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

/// Every kind of invalid input: nothing is written, a failed `imports` row and an `etl.error` event
/// are recorded, and the error names the line, column, value and what was expected.
@Suite struct ValidationTests {
  struct BadFile: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: ImportKind
    let csv: String
    let line: Int
    let column: String
    let expectedFragment: String
    var testDescription: String { name }
  }

  static let metricsHeader = "day,episode_id,source,downloads,listeners,impressions\n"
  static let ioHeader =
    "io_id,campaign_id,show_id,placement,spots,flight_start,flight_end,rate_type,rate,impressions_goal,promo_code,vanity_url,status\n"
  static let showsHeader = "show_id,name,creator,categories,explicit,language,country,cpm\n"

  static let badFiles: [BadFile] = [
    BadFile(
      name: "impossible day", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,e1,megaphone,1,1,1\n2026-02-30,e1,apple,1,1,1\n",
      line: 3, column: "day", expectedFragment: "YYYY-MM-DD"),
    BadFile(
      name: "negative count", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,e1,megaphone,-1,0,1\n", line: 2, column: "downloads",
      expectedFragment: "whole number"),
    BadFile(
      name: "listeners above downloads", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,e1,megaphone,5,6,1\n", line: 2, column: "listeners",
      expectedFragment: "at most downloads (5)"),
    BadFile(
      name: "unknown episode", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,zz,megaphone,5,5,1\n", line: 2, column: "episode_id",
      expectedFragment: "existing episode_id"),
    BadFile(
      name: "duplicate key in file", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,e1,megaphone,5,5,1\n2026-11-20,e1,megaphone,6,5,1\n",
      line: 3, column: "day+episode_id+source", expectedFragment: "only once"),
    BadFile(
      name: "wrong field count", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,e1,megaphone,5,5\n", line: 2, column: "*",
      expectedFragment: "6 fields"),
    BadFile(
      name: "missing source", kind: .metricsDaily,
      csv: metricsHeader + "2026-11-20,e1,,5,5,1\n", line: 2, column: "source",
      expectedFragment: "required"),
    BadFile(
      name: "a field after a multi-line quoted field names its own line", kind: .shows,
      csv: showsHeader + "s9,\"Two\nLines\",C,,maybe,en,US,1.00\n", line: 3, column: "explicit",
      expectedFragment: "true, false"),
    BadFile(
      name: "money with three decimals", kind: .shows,
      csv: showsHeader + "s9,Name,C,,no,en,US,1.005\n", line: 2, column: "cpm",
      expectedFragment: "at most 2 decimals"),
    BadFile(
      name: "bad country", kind: .shows,
      csv: showsHeader + "s9,Name,C,,no,en,USA,1.00\n", line: 2, column: "country",
      expectedFragment: "two-letter"),
    BadFile(
      name: "duplicate show", kind: .shows,
      csv: showsHeader + "s9,A,C,,no,en,US,1\ns9,B,C,,no,en,US,1\n", line: 3, column: "show_id",
      expectedFragment: "only once"),
    BadFile(
      name: "episode of unknown show", kind: .episodes,
      csv: "episode_id,show_id,title,published_on,duration_seconds\ne9,nope,T,2026-11-01,10\n",
      line: 2, column: "show_id", expectedFragment: "import shows first"),
    BadFile(
      name: "campaign of unknown advertiser", kind: .campaigns,
      csv:
        "campaign_id,advertiser_id,name,stage,budget,starts_on,ends_on\nc9,zz,N,lead,1,2026-01-01,2026-02-01\n",
      line: 2, column: "advertiser_id", expectedFragment: "advertiser_id"),
    BadFile(
      name: "campaign stage unknown", kind: .campaigns,
      csv:
        "campaign_id,advertiser_id,name,stage,budget,starts_on,ends_on\nc9,a1,N,won,1,2026-01-01,2026-02-01\n",
      line: 2, column: "stage", expectedFragment: "closed_won"),
    BadFile(
      name: "campaign ends before it starts", kind: .campaigns,
      csv:
        "campaign_id,advertiser_id,name,stage,budget,starts_on,ends_on\nc9,a1,N,lead,1,2026-03-01,2026-02-01\n",
      line: 2, column: "ends_on", expectedFragment: "on or after starts_on"),
    BadFile(
      name: "io flight backwards", kind: .ioBookings,
      csv: ioHeader + "IO-9,c1,s1,pre,,2026-12-10,2026-12-01,cpm,25,1000,,,draft\n", line: 2,
      column: "flight_end", expectedFragment: "flight_start"),
    BadFile(
      name: "io cpm without goal", kind: .ioBookings,
      csv: ioHeader + "IO-9,c1,s1,pre,,2026-12-01,2026-12-10,cpm,25,,,,draft\n", line: 2,
      column: "impressions_goal", expectedFragment: "impressions goal"),
    BadFile(
      name: "io bad placement", kind: .ioBookings,
      csv: ioHeader + "IO-9,c1,s1,middle,2,2026-12-01,2026-12-10,flat,25,,,,draft\n", line: 2,
      column: "placement", expectedFragment: "pre, mid, post"),
    BadFile(
      name: "io bad vanity url", kind: .ioBookings,
      csv: ioHeader + "IO-9,c1,s1,pre,2,2026-12-01,2026-12-10,flat,25,,,not a url,draft\n",
      line: 2, column: "vanity_url", expectedFragment: "URL"),
    BadFile(
      name: "io unknown campaign", kind: .ioBookings,
      csv: ioHeader + "IO-9,cX,s1,pre,2,2026-12-01,2026-12-10,flat,25,,,,draft\n", line: 2,
      column: "campaign_id", expectedFragment: "campaign_id"),
    BadFile(
      name: "advertiser bad email", kind: .advertisers,
      csv:
        "advertiser_id,name,category,target_categories,excluded_categories,allows_explicit,max_cpm,min_downloads,contact_email\na9,N,c,,,yes,1,0,nobody\n",
      line: 2, column: "contact_email", expectedFragment: "e-mail"),
  ]

  /// A database with shows, episodes, an advertiser and a campaign, so references can resolve.
  static func seeded() throws -> TestWorkspace {
    let work = try TestWorkspace()
    try work.write("base/shows.csv", TestData.shows)
    try work.write("base/episodes.csv", TestData.episodes)
    try work.write("base/advertisers.csv", TestData.advertisers)
    try work.write("base/campaigns.csv", TestData.campaigns)
    _ = try work.importer.importDirectory(work.directory.appendingPathComponent("base").path)
    return work
  }

  @Test(arguments: badFiles)
  func rejectsAndWritesNothing(_ bad: BadFile) throws {
    let work = try Self.seeded()
    let path = try work.write("bad.csv", bad.csv)
    let dataBefore = try work.dataDump()
    let eventsBefore = try work.count("SELECT count(*) FROM events")
    do {
      _ = try work.importer.importFile(bad.kind, path: path)
      Issue.record("expected the import to fail")
    } catch ImportError.invalidRows(let kind, let file, let errors, let total) {
      #expect(kind == bad.kind)
      #expect(file == path)
      #expect(total >= 1)
      let first = try #require(errors.first)
      #expect(first.line == bad.line)
      #expect(first.column == bad.column)
      #expect(first.expected.contains(bad.expectedFragment), "\(first.expected)")
      #expect(first.description.hasPrefix("\(path):\(bad.line):\(bad.column): "))
    }
    #expect(try work.dataDump() == dataBefore)
    #expect(try work.count("SELECT count(*) FROM imports WHERE status = 'failed'") == 1)
    #expect(try work.count("SELECT count(*) FROM events") == eventsBefore + 1)
    #expect(
      try work.count(
        "SELECT count(*) FROM events WHERE type = 'etl.error' AND subject = 'import:\(bad.kind.rawValue)' AND json_extract(payload, '$.errors[0].line') = \(bad.line)"
      ) == 1)
  }

  static let badHeaders: [(String, String)] = [
    ("day,episode_id,source,downloads,listeners\n", "missing required column impressions"),
    (metricsHeader.dropLast() + ",listners\n", "unknown column 'listners'"),
    ("day,DAY,episode_id,source,downloads,listeners,impressions\n", "appears twice"),
    ("", "empty"),
  ]

  @Test(arguments: badHeaders)
  func badHeader(csv: String, fragment: String) throws {
    let work = try Self.seeded()
    let path = try work.write("bad.csv", csv)
    let before = try work.dataDump()
    #expect {
      try work.importer.importFile(.metricsDaily, path: path)
    } throws: { error in
      guard case ImportError.badHeader = error else { return false }
      return "\(error)".contains(fragment)
    }
    #expect(try work.dataDump() == before)
    #expect(try work.count("SELECT count(*) FROM events WHERE type = 'etl.error'") == 1)
  }

  @Test func malformedCSVWritesNothing() throws {
    let work = try Self.seeded()
    let path = try work.write("bad.csv", Self.metricsHeader + "2026-11-20,e1,\"megaphone,1,1,1\n")
    let before = try work.dataDump()
    #expect(throws: ImportError.self) { try work.importer.importFile(.metricsDaily, path: path) }
    #expect(try work.dataDump() == before)
  }

  @Test func headerIsCaseInsensitiveAndOrderFree() throws {
    let work = try Self.seeded()
    let path = try work.write(
      "m.csv",
      "\u{FEFF}Source,DAY,Episode_ID,impressions,listeners,downloads\r\napple,2026-11-20,e1,3,2,2\r\n"
    )
    let result = try work.importer.importFile(.metricsDaily, path: path)
    #expect(result.inserted == 1)
    #expect(try work.count("SELECT downloads * 100 + impressions FROM metrics_daily") == 203)
  }

  /// Issue #14: a cross-field rule shows the offending value (it printed `'' is not valid`).
  @Test func crossFieldErrorShowsTheValue() throws {
    let work = try Self.seeded()
    let path = try work.write("m.csv", Self.metricsHeader + "2026-11-20,e1,megaphone,120,130,1\n")
    do {
      _ = try work.importer.importFile(.metricsDaily, path: path)
      Issue.record("expected the import to fail")
    } catch ImportError.invalidRows(_, _, let errors, _) {
      let first = try #require(errors.first)
      #expect(first.value == "130")
      #expect(
        first.description
          == "\(path):2:listeners: '130' is not valid; expected at most downloads (120).")
    }
    let rejects = work.directory.appendingPathComponent("rejects.csv").path
    _ = try work.importer.importFile(
      .metricsDaily, path: path, options: ImportOptions(skipInvalid: true, rejectsPath: rejects))
    let text = try String(contentsOfFile: rejects, encoding: .utf8)
    #expect(text.contains("listeners: '130' is not valid"), "\(text)")
  }

  @Test func skipInvalidImportsTheRestAndWritesRejects() throws {
    let work = try Self.seeded()
    let path = try work.write(
      "m.csv",
      Self.metricsHeader
        + "2026-11-20,e1,megaphone,5,5,1\n2026-11-20,e1,apple,5,9,1\n2026-11-20,e2,\"a,b\",x,1,1\n2026-11-21,e1,apple,1,1,1\n"
    )
    let rejects = work.directory.appendingPathComponent("rejects.csv").path
    let result = try work.importer.importFile(
      .metricsDaily, path: path, options: ImportOptions(skipInvalid: true, rejectsPath: rejects))
    #expect((result.rowsTotal, result.inserted, result.rejected) == (4, 2, 2))
    #expect(result.errorsTotal == 2)
    #expect(try work.count("SELECT count(*) FROM metrics_daily") == 2)
    #expect(
      try work.count("SELECT rows_rejected FROM imports WHERE import_id = \(result.importID!)") == 2
    )
    var reader = try CSVReader(path: rejects)
    var records: [[String]] = []
    while try reader.next() { records.append(reader.strings) }
    #expect(records.count == 3)
    #expect(records[0].last == "error")
    #expect(records[1].prefix(6) == ["2026-11-20", "e1", "apple", "5", "9", "1"])
    #expect(records[1].last?.hasPrefix("listeners:") == true)
    #expect(records[2][2] == "a,b")
    #expect(records[2].last?.hasPrefix("downloads:") == true)
  }
}

extension TestWorkspace {
  /// The data tables only (not `imports` or `events`).
  func dataDump() throws -> String {
    try store.writer.read { db in
      var out = ""
      for table in [
        "shows", "episodes", "advertisers", "campaigns", "io_bookings", "metrics_daily",
      ] {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3") {
          out += "\(table) \(row)\n"
        }
      }
      return out
        + "imports completed: \(try Int.fetchOne(db, sql: "SELECT count(*) FROM imports WHERE status = 'completed'") ?? 0)"
    }
  }
}

@Suite struct DuplicateTests {
  /// A duplicate is caught whether its first occurrence was inserted, updated or left unchanged.
  @Test(arguments: [
    ("2026-11-20,e1,megaphone,100,80,150", "inserted earlier"),
    ("2026-11-20,e1,spotify,98,77,140", "unchanged earlier"),
    ("2026-11-21,e2,megaphone,51,40,60", "updated earlier"),
  ])
  func duplicateAfterAnyOutcome(row: String, _: String) throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    let path = try work.write(
      "m.csv",
      TestData.metrics.replacingOccurrences(of: "2026-11-20,e1,megaphone,100,80,150\n", with: ""))
    _ = try work.importer.importFile(.metricsDaily, path: path)
    let before = try work.dataDump()
    let again = TestData.metrics.replacingOccurrences(of: "50,40,60", with: "51,40,60") + row + "\n"
    try work.write("m.csv", again)
    #expect {
      try work.importer.importFile(.metricsDaily, path: path)
    } throws: { error in
      guard case ImportError.invalidRows(_, _, let errors, 1) = error else { return false }
      return errors[0].line == 6 && errors[0].expected.contains("only once")
    }
    #expect(try work.dataDump() == before)
  }

  /// The same corrected file, with a duplicate of a row that is inserted, updated or left
  /// unchanged, imported once looking rows up first (a table large compared with the file) and
  /// once inserting first (a file large compared with the table): the same counts, the same
  /// rejections, the same rows.
  @Test func bothWriteOrdersAgree() throws {
    var outcomes: [String] = []
    for (storedPadding, filePadding) in [(40, 0), (0, 40)] {
      let work = try TestWorkspace()
      try work.seedNetwork()
      func padding(_ count: Int, source: String) -> String {
        (0..<count).map { n in
          "2026-10-\(String(format: "%02d", n % 28 + 1)),e\(n / 28 + 1),\(source),1,1,1\n"
        }.joined()
      }
      let seed = try work.write("m.csv", TestData.metrics + padding(storedPadding, source: "seed"))
      _ = try work.importer.importFile(.metricsDaily, path: seed)
      let corrected =
        TestData.metrics.replacingOccurrences(of: "50,40,60", with: "51,40,60")
        + "2026-11-22,e1,megaphone,7,7,7\n" + padding(filePadding, source: "pad")
      let lookUpFirst = MetricsDailyImporter.looksUpFirst(
        fileBytes: corrected.utf8.count,
        storedRows: try work.count("SELECT count(*) FROM metrics_daily"))
      #expect(lookUpFirst == (storedPadding > 0))
      var outcome = ""
      // inserted, left unchanged and updated by this file, then repeated at its end
      for duplicate in [
        "2026-11-22,e1,megaphone,7,7,7", "2026-11-20,e1,spotify,98,77,140",
        "2026-11-21,e2,megaphone,51,40,60",
      ] {
        let path = try work.write("d.csv", corrected + duplicate + "\n")
        #expect {
          try work.importer.importFile(.metricsDaily, path: path)
        } throws: { error in
          guard case ImportError.invalidRows(_, _, let errors, 1) = error else { return false }
          outcome += "rejected line \(errors[0].line - filePadding) \(errors[0].column); "
          return errors[0].expected.contains("only once")
        }
      }
      let clean = try work.write("c.csv", corrected)
      let result = try work.importer.importFile(.metricsDaily, path: clean)
      outcome +=
        "inserted \(result.inserted - filePadding), updated \(result.updated), "
        + "unchanged \(result.unchanged), rejected \(result.rejected)\n"
      outcome += try work.store.writer.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT * FROM metrics_daily WHERE source NOT IN ('seed', 'pad')
            ORDER BY day, episode_id, source
            """
        ).description
      }
      outcomes.append(outcome)
    }
    #expect(outcomes[0].contains("inserted 1, updated 1, unchanged 3, rejected 0"))
    #expect(outcomes[0].components(separatedBy: "rejected line 7 day+episode_id+source").count == 4)
    #expect(outcomes[0] == outcomes[1])
  }
}
