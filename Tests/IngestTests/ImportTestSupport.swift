import CuesheetTesting
import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

/// A fresh migrated database in a temporary directory, plus helpers to write CSVs next to it.
final class TestWorkspace {
  let database: TemporaryDatabase
  let store: CuesheetStore
  var directory: URL { database.directory }
  var importer: Importer { Importer(store: store) }

  init() throws {
    database = try TemporaryDatabase(prefix: "ingest")
    store = try database.openMigrated()
  }

  /// Writes `text` to `name` in the workspace and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Every row of every data table, `imports` and `events`, as text: equal dumps mean an unchanged
  /// database.
  func dump() throws -> String {
    try store.writer.read { db in
      var out = ""
      for table in [
        "shows", "episodes", "advertisers", "campaigns", "io_bookings", "metrics_daily", "imports",
        "events",
      ] {
        out += "# \(table)\n"
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3") {
          out += row.description + "\n"
        }
      }
      return out
    }
  }

  func count(_ sql: String) throws -> Int {
    try store.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }

  /// Loads two shows and three episodes.
  func seedNetwork() throws {
    let shows = try write("shows.csv", TestData.shows)
    let episodes = try write("episodes.csv", TestData.episodes)
    _ = try importer.importFiles([(.shows, shows), (.episodes, episodes)])
  }
}

enum TestData {
  static let shows = #"""
    show_id,name,creator,categories,explicit,language,country,cpm
    s1,Night Shift,Dana,true_crime;society,true,en,US,32.00
    s2,"Byte, Sized",Priya,technology,no,en,GB,38.5

    """#
  static let episodes = #"""
    episode_id,show_id,title,published_on,duration_seconds
    e1,s1,Pilot,2026-11-01,1800
    e2,s1,"Two, with ""quotes""",2026-11-08,2000
    e3,s2,Intro,2026-11-02,900

    """#
  static let metrics = #"""
    day,episode_id,source,downloads,listeners,impressions
    2026-11-20,e1,megaphone,100,80,150
    2026-11-20,e1,spotify,98,77,140
    2026-11-21,e2,megaphone,50,40,60
    2026-11-21,e3,apple,10,10,0

    """#
  static let advertisers = #"""
    advertiser_id,name,category,target_categories,excluded_categories,allows_explicit,max_cpm,min_downloads
    a1,Northwind,home,health;comedy,,yes,35.00,2000
    a2,Ledgerly,finance,business,comedy;true_crime,0,48,0

    """#
  static let campaigns = #"""
    campaign_id,advertiser_id,name,stage,budget,starts_on,ends_on
    c1,a1,Holiday,closed_won,12000.00,2026-11-01,2026-12-31
    c2,a2,Launch,lead,5000,2026-12-01,2027-01-31

    """#
  static let ioBookings = #"""
    io_id,campaign_id,show_id,placement,spots,flight_start,flight_end,rate_type,rate,impressions_goal,promo_code,vanity_url,status
    IO-1,c1,s1,pre,,2026-11-10,2026-12-10,cpm,25.00,50000,NORTH10,northwind.example/night,live
    IO-2,c1,s2,mid,4,2026-12-01,2026-12-20,flat,1500.00,,,https://northwind.example/byte,scheduled

    """#
}
