import Foundation
import Testing

@testable import Store

@Suite("Money, Day, Timestamp")
struct ValuesTests {
  @Test(
    "money parses exact decimals with at most two places",
    arguments: [
      ("25.00", 2500 as Int64?), ("25", 2500), ("25.5", 2550), ("0.01", 1), ("-3.10", -310),
      ("1500.00", 150_000), ("25.005", nil), ("1,500.00", nil), ("$25", nil), ("", nil),
      (".5", nil),
      ("5.", nil), ("1e3", nil), ("--1", nil), ("92233720368547758.08", nil),
    ])
  func moneyParsing(text: String, cents: Int64?) {
    #expect(Money(parsing: text)?.cents == cents)
  }

  @Test(
    "money formats with two places and separators",
    arguments: [
      (150_000 as Int64, "1500.00", "$1,500.00"), (5, "0.05", "$0.05"),
      (-123_456_789, "-1234567.89", "-$1,234,567.89"),
      (100, "1.00", "$1.00"),
    ])
  func moneyFormatting(cents: Int64, decimal: String, display: String) {
    #expect(Money(cents: cents).decimalString == decimal)
    #expect(Money(cents: cents).formatted() == display)
  }

  @Test(
    "days parse strictly and reject impossible dates",
    arguments: [
      ("2026-11-25", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-13-01", false),
      ("2026-1-01", false), ("26-11-25", false), ("2026-11-25T00:00", false), ("2026/11/25", false),
    ])
  func dayParsing(text: String, valid: Bool) {
    #expect((Day(parsing: text) != nil) == valid)
    if valid { #expect(Day(parsing: text)?.description == text) }
  }

  @Test("day arithmetic crosses months, years and leap days")
  func dayArithmetic() throws {
    let day = try #require(Day(parsing: "2024-02-28"))
    #expect(day.adding(days: 1).description == "2024-02-29")
    #expect(day.adding(days: 2).description == "2024-03-01")
    #expect(try #require(Day(parsing: "2026-12-31")).adding(days: 1).description == "2027-01-01")
    #expect(try #require(Day(parsing: "1970-01-01")).ordinal == 0)
    #expect(day.days(to: try #require(Day(parsing: "2025-02-28"))) == 366)
  }

  @Test("timestamps format in UTC and parse what users type")
  func timestamps() throws {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    #expect(Timestamp.string(now) == "2026-11-18T11:06:40Z")
    #expect(Timestamp.parse("2026-11-18T11:06:40Z") == now)
    #expect(Timestamp.parse("2026-11-18T12:06:40+01:00") == now)
    #expect(Timestamp.parse("24h", now: now) == now.addingTimeInterval(-86400))
    #expect(Timestamp.parse("7d", now: now) == now.addingTimeInterval(-7 * 86400))
    #expect(Timestamp.parse("2026-11-17").map(Timestamp.string) == "2026-11-17T00:00:00Z")
    #expect(Timestamp.parse("yesterday") == nil)
  }

  @Test("a span back past year 1 is not a time (the fuzzer's `since=99999999d` crashed the server)")
  func spansOutOfRange() throws {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    #expect(Timestamp.parse("99999999d", now: now) == nil)
    #expect(Timestamp.parse("9223372036854775807d", now: now) == nil)
    #expect(Timestamp.parse("739000d", now: now) != nil)
    let earliest = try #require(Timestamp.parse("0001-01-01"))
    #expect(Timestamp.string(earliest) == "0001-01-01T00:00:00Z")
  }
}
