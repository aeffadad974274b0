import Diagnostics
import Expressions
import Foundation

/// The variables flag expressions may use, and how a JSON context binds them.
///
/// `env` is a string, `account` and `user` are maps of anything (`dyn`), `now` is a timestamp.
/// A misspelled variable is a load-time error; a missing key inside `account` is an evaluation
/// error at run time (reason `ERROR`).
struct FlagEnvironment: Sendable {
  let environment: Environment
  let envSlot: VariableSlot
  let accountSlot: VariableSlot
  let userSlot: VariableSlot
  let nowSlot: VariableSlot
  /// The top-level context keys flag conditions can see.
  static let variables = ["env", "account", "user", "now"]

  init() {
    var environment = Environment()
    envSlot = environment.declareVariable("env", .string)
    accountSlot = environment.declareVariable("account", .dyn)
    userSlot = environment.declareVariable("user", .dyn)
    nowSlot = environment.declareVariable("now", .timestamp)
    self.environment = environment
  }

  /// Binds a JSON object context. Keys other than the declared variables are refused, so a typo
  /// in a context (`acount`) is caught rather than silently ignored.
  ///
  /// The text is read straight into values (``Value/readingJSON(_:maxDepth:)``), with no
  /// Foundation objects in between: this runs on every `GET /api/v1/flags/{name}`.
  func context(json: String, now: Date) throws -> FlagContext {
    guard let document = Value.readingJSON(json) else {
      throw FlagContextError("the context is not valid JSON: \(json.prefix(80))")
    }
    guard case .map(let map) = document else {
      throw FlagContextError("the context must be a JSON object such as {\"env\": \"staging\"}")
    }
    return try context(map: map, now: now)
  }

  /// Binds a context already read into values (the map of a JSON object); the same rules as
  /// ``context(json:now:)``.
  func context(map: MapValue, now: Date) throws -> FlagContext {
    var activation = environment.makeActivation()
    var instant = now
    for key in map.keys {
      guard case .string(let name) = key, let value = map[key] else { continue }
      try bind(name, value, into: &activation, now: &instant)
    }
    return finish(&activation, instant)
  }

  /// Binds a context already parsed into a dictionary (the keys and values of a JSON object, as
  /// `JSONSerialization` gives them); the same rules as ``context(json:now:)``.
  func context(object dictionary: [String: Any], now: Date) throws -> FlagContext {
    var activation = environment.makeActivation()
    var instant = now
    for (key, value) in dictionary {
      try bind(key, try Value(foundation: value), into: &activation, now: &instant)
    }
    return finish(&activation, instant)
  }

  /// Binds one top-level context key.
  private func bind(
    _ key: String, _ value: Value, into activation: inout Activation, now instant: inout Date
  ) throws {
    switch key {
    case "env":
      guard case .string(let text) = value else {
        throw FlagContextError("`env` in the context must be a string")
      }
      activation[envSlot] = .string(text)
    case "account":
      activation[accountSlot] = value
    case "user":
      activation[userSlot] = value
    case "now":
      guard case .string(let text) = value, let date = Self.instant(text) else {
        throw FlagContextError(
          "`now` in the context must be an ISO 8601 time such as 2026-11-25T12:00:00Z")
      }
      instant = date
    default:
      let hint =
        NameSuggester.closest(to: key, among: Self.variables).map { "; did you mean `\($0)`?" }
        ?? ""
      throw FlagContextError(
        "the context has an unknown key `\(key)` (flags see \(Self.variables.joined(separator: ", ")))\(hint)"
      )
    }
  }

  private func finish(_ activation: inout Activation, _ instant: Date) -> FlagContext {
    activation[nowSlot] = CELTimestamp(instant).map(Value.timestamp)
    return FlagContext(activation: activation, now: instant)
  }
}

extension FlagEnvironment {
  /// An RFC 3339 time, with or without fractional seconds (`2026-11-25T12:00:00Z`,
  /// `2026-11-25T12:00:00.250+01:00`).
  static func instant(_ text: String) -> Date? {
    if let date = ISO8601DateFormatter().date(from: text) { return date }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
  }
}

/// A bound flag context, reusable across evaluations.
public struct FlagContext: Sendable {
  let activation: Activation
  /// The evaluation time (schedules compare against it).
  public let now: Date
}

/// A context that cannot be bound.
public struct FlagContextError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}
