import Diagnostics
import Expressions
import Foundation

/// An OpenFeature evaluation context, mapped to the context Cuesheet's flags see.
///
/// | OpenFeature attribute | Cuesheet variable |
/// |---|---|
/// | `targetingKey` | `account.id`: the unit of `rollout … by account.id` and `split by account.id` |
/// | `env` (string) | `env` |
/// | `account` (object), `account.X` | `account` map (`account.X` sets key `X`) |
/// | `user` (object), `user.X` | `user` map (a flag that buckets `by user.id` reads `user.id`) |
///
/// `account` and `user` are always bound (empty when no attribute names them), so a rule's
/// `has(account.id)` is false rather than an error for a client that sends no account.
/// | `now` (ISO 8601 string) | `now` (default: the time of the request) |
///
/// Any other attribute is refused with `INVALID_CONTEXT` naming it, since no flag could see it:
///
/// ```swift
/// let mapped = try OpenFeatureContext.map(["targetingKey": "acme", "account.tier": "enterprise"])
/// mapped.cuesheetJSON   // {"account":{"id":"acme","tier":"enterprise"},"user":{}}
/// try OpenFeatureContext.map(["targetingKey": "acme", "email": "a@b"])
/// // INVALID_CONTEXT: the context has an attribute flags cannot see: email; …
/// ```
public struct OpenFeatureContext: Sendable {
  /// The targeting key (or `account.id` when the context gave that instead), if any.
  public let targetingKey: String?
  /// The Cuesheet context (`env`, `account`, `user`, `now`) as the engine's values, keys sorted:
  /// what ``FlagSet/context(map:now:)`` binds.
  public let cuesheet: MapValue

  /// The attributes a context may have besides `account.*` and `user.*`.
  public static let attributes = ["targetingKey", "env", "account", "user", "now"]

  /// The Cuesheet context as compact JSON with sorted keys (what `cuesheet flags eval --context`
  /// takes for the same evaluation).
  public var cuesheetJSON: String {
    var writer = JSONTextWriter()
    writer.value(ValueJSON.json(.map(cuesheet)))
    return writer.text
  }

  /// Reads the `context` of an OFREP request body (`{"context": {…}}`) straight into values
  /// (``Value/readingJSON(_:maxDepth:)``), with no Foundation objects in between.
  ///
  /// A body without `context` (or `{}`) is an empty context, as an OpenFeature client without a
  /// context sends it; other top-level keys are ignored.
  public static func parse(body: Data) throws(OpenFeatureError) -> OpenFeatureContext {
    try parse(text: String(decoding: body, as: UTF8.self))
  }

  /// ``parse(body:)`` for a body already in a string.
  public static func parse(text body: String) throws(OpenFeatureError) -> OpenFeatureContext {
    guard !body.isEmpty else {
      throw .parseError(#"the body is empty; send {"context": {"targetingKey": "…"}}."#)
    }
    guard let document = Value.readingJSON(body) else {
      throw .parseError("the body is not JSON (\(body.prefix(60))…).")
    }
    guard case .map(let request) = document else {
      throw .parseError(#"the body must be a JSON object such as {"context": {}}."#)
    }
    guard let context = request[string: "context"] else { return try map(MapValue([])) }
    guard case .map(let attributes) = context else {
      throw .invalidContext("`context` must be a JSON object of attributes.")
    }
    return try map(attributes)
  }

  /// True when `value` is the string `text`.
  static func isString(_ value: Value, _ text: String) -> Bool {
    if case .string(let string) = value { return string == text }
    return false
  }

  /// Maps OpenFeature attributes given as `JSONSerialization` objects (see ``map(_:)-values``).
  public static func map(_ attributes: [String: Any]) throws(OpenFeatureError) -> OpenFeatureContext
  {
    let values: Value
    do {
      values = try Value(foundation: attributes)
    } catch {
      throw .invalidContext("the context holds a value JSON cannot carry: \(error)")
    }
    guard case .map(let map) = values else { return try Self.map(MapValue([])) }
    return try Self.map(map)
  }

  /// Maps OpenFeature attributes to Cuesheet's context (see the table above).
  public static func map(_ attributes: MapValue) throws(OpenFeatureError) -> OpenFeatureContext {
    var env: Value?
    var now: Value?
    var maps: [String: [String: Value]] = ["account": [:], "user": [:]]
    var unknown: [String] = []
    var targetingKey: String?
    /// Sets `name.key`, refusing a key given twice (as `account.tier` and inside `account`).
    func set(_ name: String, _ key: String, _ value: Value) throws(OpenFeatureError) {
      if maps[name, default: [:]][key] != nil {
        throw .invalidContext(
          "`\(name).\(key)` is given twice (as `\(name).\(key)` and inside `\(name)`); send it once."
        )
      }
      maps[name, default: [:]][key] = value
    }
    for key in attributes.keys {
      guard case .string(let attribute) = key, let value = attributes[key] else { continue }
      switch attribute {
      case "targetingKey":
        guard case .string(let text) = value else {
          throw .invalidContext("`targetingKey` must be a string, such as an account id.")
        }
        if !text.isEmpty { targetingKey = text }
      case "env":
        guard case .string = value else {
          throw .invalidContext(#"`env` must be a string such as "production"."#)
        }
        env = value
      case "now":
        now = value
      case "account", "user":
        guard case .map(let object) = value else {
          throw .invalidContext("`\(attribute)` must be an object of attributes.")
        }
        for inner in object.keys {
          guard case .string(let name) = inner, let item = object[inner] else { continue }
          try set(attribute, name, item)
        }
      default:
        if let dot = attribute.firstIndex(of: "."),
          ["account", "user"].contains(attribute[..<dot]),
          attribute.index(after: dot) < attribute.endIndex
        {
          try set(
            String(attribute[..<dot]), String(attribute[attribute.index(after: dot)...]), value)
        } else {
          unknown.append(attribute)
        }
      }
    }
    if !unknown.isEmpty { throw .invalidContext(refusal(unknown.sorted())) }
    if let key = targetingKey {
      if let id = maps["account"]?["id"], !Self.isString(id, key) {
        throw .invalidContext(
          "targetingKey \"\(Self.bounded(key))\" and account.id disagree; targetingKey is "
            + "account.id, so send one of them.")
      }
      maps["account", default: [:]]["id"] = .string(key)
    } else if let id = maps["account"]?["id"] {
      guard case .string(let text) = id else {
        throw .invalidContext("`account.id` must be a string (it is the targeting key).")
      }
      targetingKey = text
    }
    // `account` and `user` are always bound, so `has(account.id)` is false (not an error) when the
    // client sent no account attribute. Keys in sorted order, as a JSON object read into values.
    func sorted(_ object: [String: Value]) -> Value {
      .map(MapValue(object.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) }))
    }
    var entries: [(MapKey, Value)] = [(.string("account"), sorted(maps["account"] ?? [:]))]
    if let env { entries.append((.string("env"), env)) }
    if let now { entries.append((.string("now"), now)) }
    entries.append((.string("user"), sorted(maps["user"] ?? [:])))
    return OpenFeatureContext(targetingKey: targetingKey, cuesheet: MapValue(entries))
  }

  /// `the context has attributes flags cannot see: country, email; …`, with a suggestion for a
  /// likely typo.
  static func refusal(_ names: [String]) -> String {
    let shown = names.prefix(10).map { bounded($0) }
    let more = names.count > 10 ? " and \(names.count - 10) more" : ""
    var hint = ""
    if names.count == 1, let close = NameSuggester.closest(to: names[0], among: attributes) {
      hint = " Did you mean `\(close)`?"
    } else if names.count == 1, let dot = names[0].firstIndex(of: "."),
      let close = NameSuggester.closest(to: String(names[0][..<dot]), among: ["account", "user"])
    {
      hint = " Did you mean `\(close)\(names[0][dot...])`?"
    }
    let noun = names.count == 1 ? "an attribute" : "attributes"
    return
      "the context has \(noun) flags cannot see: \(shown.joined(separator: ", "))\(more). "
      + "Flags see targetingKey, env, account (or account.*), user (or user.*) and now; put other "
      + "facts under account or user.\(hint)"
  }

  /// A name or value echoed in a message, at most 64 characters.
  static func bounded(_ text: String) -> String {
    text.count <= 64 ? text : String(text.prefix(61)) + "…"
  }
}
