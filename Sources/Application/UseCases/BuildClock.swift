import Foundation
import Store

/// The time a build or an export is stamped with: `CUESHEET_BUILD_TIME` when it is set (for
/// reproducible documents and golden tests), else now. Read in this one place.
public enum BuildClock {
  /// `CUESHEET_BUILD_TIME` parsed (`2026-11-25`, `2026-11-25T08:00:00Z`), else the current time.
  public static func now(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Date {
    if let fixed = environment["CUESHEET_BUILD_TIME"], let date = Timestamp.parse(fixed) {
      return date
    }
    return Date()
  }
}
