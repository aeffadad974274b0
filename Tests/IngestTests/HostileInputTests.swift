import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

/// What an attacker's file must not do: become a huge error or event, or a formula in a rejects file.
@Suite struct HostileInputTests {
  @Test func aHugeHeaderWordGivesABoundedErrorAndEvent() throws {
    let work = try TestWorkspace()
    let word = String(repeating: "H", count: 2 * 1024 * 1024)
    let path = try work.write("huge.csv", word + "\n1\n")
    do {
      _ = try work.importer.importFile(.shows, path: path)
      Issue.record("the import did not fail")
    } catch let error as ImportError {
      #expect(error.description.utf8.count < 2000, "\(error.description.prefix(300))")
      #expect(error.description.contains("(2097152 bytes)"))
    }
    let payload = try work.store.writer.read { db in
      try String.fetchOne(db, sql: "SELECT payload FROM events WHERE type = 'etl.error'")
    }
    #expect((payload?.utf8.count ?? 0) > 0)
    #expect((payload?.utf8.count ?? .max) < 4096)
  }

  @Test func aHugeValueIsClippedInTheRowError() throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    let value = String(repeating: "9", count: 1_000_000)
    let path = try work.write(
      "m.csv", ValidationTests.metricsHeader + "2026-11-20,e1,megaphone,\(value),1,1\n")
    do {
      _ = try work.importer.importFile(.metricsDaily, path: path)
      Issue.record("the import did not fail")
    } catch ImportError.invalidRows(_, _, let errors, _) {
      let error = try #require(errors.first)
      #expect(error.value == String(repeating: "9", count: 200) + "… (1000000 bytes)")
    }
  }

  @Test func theDisplayNameIsRecordedAndShownInsteadOfThePath() throws {
    let work = try TestWorkspace()
    let path = try work.write("tmp-upload-123/upload.partial", "show_id,name\n")
    var options = ImportOptions()
    options.displayName = "client.csv"
    #expect {
      _ = try work.importer.importFile(.shows, path: path, options: options)
    } throws: { error in
      let text = "\(error)"
      return text.contains("client.csv") && !text.contains("tmp-upload-123")
    }
    let recorded = try work.store.writer.read { db in
      try String.fetchOne(db, sql: "SELECT file_name FROM imports ORDER BY import_id DESC")
    }
    #expect(recorded == "client.csv")
  }

  @Test func theRejectsFileDefusesFormulas() throws {
    let work = try ValidationTests.seeded()
    let path = try work.write(
      "m.csv",
      ValidationTests.metricsHeader
        + "2026-11-20,e1,megaphone,5,5,1\n"
        + "2026-11-20,e1,\"=cmd|' /C calc'!A0\",x,1,1\n"
        + "2026-11-21,e1,@SUM(A1),-5,1,1\n"
        + "2026-11-22,e1,+1+1,-,1,1\n")
    let rejects = work.directory.appendingPathComponent("rejects.csv").path
    let result = try work.importer.importFile(
      .metricsDaily, path: path, options: ImportOptions(skipInvalid: true, rejectsPath: rejects))
    #expect(result.rejected == 3)
    var reader = try CSVReader(path: rejects)
    var records: [[String]] = []
    while try reader.next() { records.append(reader.strings) }
    #expect(records.count == 4)
    #expect(records[1][2] == "'=cmd|' /C calc'!A0")
    #expect(records[2][2] == "'@SUM(A1)")
    #expect(records[2][3] == "-5")
    #expect(records[3][2] == "'+1+1")
    #expect(records[3][3] == "'-")
    for record in records.dropFirst() {
      for field in record {
        #expect(!"=+@".contains(field.first ?? " "), "\(field)")
      }
    }
  }

  @Test(
    arguments: [
      ("=1+2", "'=1+2"), ("+1", "+1"), ("-2.5", "-2.5"), ("-x", "'-x"), ("@A1", "'@A1"),
      ("\tx", "'\tx"), ("plain", "plain"), ("", ""),
    ])
  func defused(field: String, expected: String) {
    #expect(CSVWriter.defused(field) == expected)
  }
}
