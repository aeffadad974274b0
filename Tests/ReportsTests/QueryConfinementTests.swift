import Foundation
import GRDB
import Reports
import Testing

/// Issue #23 item 8: report SQL reads this database and nothing else, within bounded memory,
/// result size and time.
@Suite struct QueryConfinementTests {
  /// Builds a one-query report and returns the failure message, or nil when it built.
  func failure(
    _ sql: String, _ fixture: ReportFixture, options: BuildOptions = ReportFixture.options()
  ) throws -> String? {
    let dir = try fixture.templates([
      "q": """
      ---
      title: Q
      ---
      ```sql q
      \(sql)
      ```
      {% table q %}
      """
    ])
    do {
      _ = try ReportBuilder(store: fixture.store, templatesDirectory: dir).build(
        names: [], into: fixture.path("out-\(UUID().uuidString)"), options: options)
      return nil
    } catch let error as ReportError {
      return error.description
    }
  }

  /// Another database on the host, with a secret in it.
  func secretDatabase(_ fixture: ReportFixture) throws -> String {
    let path = fixture.path("other.db")
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(
        sql: "CREATE TABLE secrets (token_sha256 TEXT); INSERT INTO secrets VALUES ('s3cr3t')")
    }
    return path
  }

  @Test func attachIsDenied() throws {
    let fixture = try ReportFixture()
    let other = try secretDatabase(fixture)
    let message = try #require(try failure("ATTACH DATABASE '\(other)' AS other", fixture))
    #expect(message.contains("ATTACH is not allowed"), "\(message)")
  }

  @Test func attachThroughATableValuedTrickIsDeniedToo() throws {
    let fixture = try ReportFixture()
    let other = try secretDatabase(fixture)
    // `DETACH` and a schema-qualified read of a never-attached database fail as well.
    let detach = try #require(try failure("DETACH DATABASE main", fixture))
    #expect(detach.contains("not allowed"), "\(detach)")
    let read = try #require(try failure("SELECT token_sha256 FROM other.secrets", fixture))
    #expect(read.contains("other"), "\(read)")
    _ = other
  }

  @Test(arguments: [
    "PRAGMA writable_schema = ON",
    "PRAGMA journal_mode",
    "SELECT load_extension('/tmp/x.so')",
  ])
  func nonReadsAreDenied(sql: String) throws {
    let fixture = try ReportFixture()
    let message = try #require(try failure(sql, fixture))
    #expect(message.contains("not allowed") || message.contains("not authorized"), "\(message)")
  }

  @Test func aHugeValueIsRefusedInsteadOfAllocated() throws {
    let fixture = try ReportFixture()
    let message = try #require(try failure("SELECT length(randomblob(900000000)) AS n", fixture))
    #expect(message.contains("value-size limit"), "\(message)")
  }

  @Test func aLargeResultIsRefused() throws {
    let fixture = try ReportFixture()
    var options = ReportFixture.options()
    options.resultByteLimit = 1_048_576
    // 1,000 rows of 4 KB: 4 MB, over a 1 MB limit, each value well under the value limit.
    let message = try #require(
      try failure(
        """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
        SELECT i, printf('%.4000c', 'x') AS pad FROM n
        """, fixture, options: options))
    #expect(message.contains("result-size limit"), "\(message)")
  }

  @Test func theTimeLimitCoversFetchingABigResult() throws {
    let fixture = try ReportFixture()
    var options = ReportFixture.options()
    options.timeLimit = .milliseconds(50)
    options.rowLimit = 10_000_000
    options.resultByteLimit = Int.max
    // Each row is cheap for SQLite; the time goes into returning 2 million of them.
    let message = try #require(
      try failure(
        """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000)
        SELECT i, 'row ' || i AS label FROM n
        """, fixture, options: options))
    #expect(message.contains("time limit"), "\(message)")
  }

  @Test func ordinaryReadsStillWork() throws {
    let fixture = try ReportFixture()
    let message = try failure(
      """
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)
      SELECT s.name, json_extract(s.categories, '$[0]') AS category, n.i
      FROM shows s, n ORDER BY s.show_id, n.i
      """, fixture)
    #expect(message == nil, "\(message ?? "")")
  }
}
