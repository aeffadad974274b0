import Foundation

/// `timestamp`, `duration` and their accessors (`getFullYear`, `getHours`, …), with time zones.
enum TimeFunctions {
  static let all: [Function] = []
}
