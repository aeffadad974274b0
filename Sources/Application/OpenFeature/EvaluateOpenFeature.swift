import Diagnostics
import Foundation
import Rules
import Store

/// Evaluates flags for an OpenFeature client: OFREP's single and bulk evaluation, with the same
/// values, variants and reasons as `cuesheet flags eval` (see ``OpenFeatureContext`` for the
/// context mapping and ``OpenFeatureReason`` for the reasons).
///
/// ```swift
/// let request = EvaluateOpenFeature.Request(
///   rules: book, body: Data(#"{"context": {"targetingKey": "acme", "env": "production"}}"#.utf8))
/// let one = EvaluateOpenFeature().evaluate(flag: "IO_TEMPLATE", request)
/// one.value     // "modern" or "classic", by the split
/// one.reason    // "SPLIT"
/// ```
public struct EvaluateOpenFeature: Sendable {
  public struct Request: Sendable {
    public var rules: RuleBook
    /// Operator overrides (`CUESHEET_FLAG_*`), as `cuesheet flags eval` applies them.
    public var overrides: FlagOverrides
    /// The request body: `{"context": {…}}`.
    public var body: Data
    /// The evaluation time, unless the context sets `now`.
    public var now: Date

    public init(
      rules: RuleBook, overrides: FlagOverrides = .none, body: Data, now: Date = Date()
    ) {
      self.rules = rules
      self.overrides = overrides
      self.body = body
      self.now = now
    }
  }

  /// The answer to a bulk evaluation.
  public enum BulkAnswer: Sendable {
    /// Every flag, in rule-file order, and the ETag of this answer.
    case evaluated([OpenFeatureResolution], etag: String)
    /// The client's `If-None-Match` names the current ETag: its copy is still good.
    case notModified(etag: String)
    /// The request or its context is invalid; no flag was evaluated.
    case failed(OpenFeatureError)
  }

  public init() {}

  /// Evaluates the flag `key`; a failure (unknown flag, bad context, evaluation error) is an
  /// ``OpenFeatureResolution`` with ``OpenFeatureResolution/error`` set.
  public func evaluate(flag key: String, _ request: Request) -> OpenFeatureResolution {
    let flags = request.rules.flags
    guard let index = flags.index(of: key) else {
      return OpenFeatureResolution(
        key: key,
        error: .flagNotFound(
          key: OpenFeatureContext.bounded(key),
          suggestion: NameSuggester.closest(to: key, among: flags.flags.map(\.name))))
    }
    let context: OpenFeatureContext
    let bound: FlagContext
    do {
      (context, bound) = try Self.bind(request)
    } catch {
      return OpenFeatureResolution(key: key, error: error)
    }
    return OpenFeatureResolution(
      flags.evaluate(at: index, in: bound, overrides: request.overrides),
      flag: flags.flags[index], hasTargetingKey: context.targetingKey != nil)
  }

  /// Evaluates every flag for one context, with an ETag that changes when the rule files, the
  /// overrides, the context or any result change; `ifNoneMatch` (the header's value) naming the
  /// current ETag gives ``BulkAnswer/notModified(etag:)``.
  public func evaluateAll(_ request: Request, ifNoneMatch: String? = nil) -> BulkAnswer {
    let context: OpenFeatureContext
    let bound: FlagContext
    do {
      (context, bound) = try Self.bind(request)
    } catch {
      return .failed(error)
    }
    let flags = request.rules.flags
    var results: [OpenFeatureResolution] = []
    results.reserveCapacity(flags.flags.count)
    for index in flags.flags.indices {
      results.append(
        OpenFeatureResolution(
          flags.evaluate(at: index, in: bound, overrides: request.overrides),
          flag: flags.flags[index], hasTargetingKey: context.targetingKey != nil))
    }
    var hasher = ETagHasher()
    hasher.combine(request.rules.fingerprint)
    for (name, value) in request.overrides.values.sorted(by: { $0.key < $1.key }) {
      hasher.combine(name)
      hasher.combine(value)
    }
    hasher.combine(ValueJSON.json(.map(context.cuesheet)))
    for result in results { hasher.combine(result) }
    let etag = hasher.etag
    if let ifNoneMatch, Self.matches(ifNoneMatch, etag) { return .notModified(etag: etag) }
    return .evaluated(results, etag: etag)
  }

  /// Maps and binds the request's context.
  static func bind(_ request: Request) throws(OpenFeatureError) -> (
    OpenFeatureContext, FlagContext
  ) {
    let context = try OpenFeatureContext.parse(body: request.body)
    do {
      return (context, try request.rules.flags.context(map: context.cuesheet, now: request.now))
    } catch {
      throw .invalidContext("\(error)")
    }
  }

  /// True when an `If-None-Match` value (`*`, or a list of tags, weak or strong) names `etag`.
  public static func matches(_ ifNoneMatch: String, _ etag: String) -> Bool {
    func opaque(_ tag: Substring) -> Substring {
      var tag = tag.drop { $0 == " " }
      while tag.last == " " { tag = tag.dropLast() }
      if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
      return tag
    }
    let current = opaque(Substring(etag))
    return ifNoneMatch.split(separator: ",").contains { tag in
      let tag = opaque(tag)
      return tag == "*" || tag == current
    }
  }
}

/// FNV-1a 64 over a canonical stream of what an answer depends on, as a quoted strong ETag.
struct ETagHasher {
  private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

  var etag: String {
    let hex = String(hash, radix: 16)
    return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
  }

  @inline(__always)
  mutating func combine(byte: UInt8) {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01b3
  }

  /// A string with its length, so `"ab","c"` and `"a","bc"` differ.
  mutating func combine(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      for byte in bytes { combine(byte: byte) }
    }
    combine(byte: 0)
    combine(integer: UInt64(text.utf8.count))
  }

  mutating func combine(integer: UInt64) {
    var value = integer
    for _ in 0..<8 {
      combine(byte: UInt8(truncatingIfNeeded: value))
      value >>= 8
    }
  }

  mutating func combine(_ value: JSONValue) {
    switch value {
    case .null: combine(byte: UInt8(ascii: "n"))
    case .bool(let flag): combine(byte: flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    case .int(let number):
      combine(byte: UInt8(ascii: "i"))
      combine(integer: UInt64(bitPattern: number))
    case .double(let number):
      combine(byte: UInt8(ascii: "d"))
      combine(integer: number.bitPattern)
    case .string(let text):
      combine(byte: UInt8(ascii: "s"))
      combine(text)
    case .array(let items):
      combine(byte: UInt8(ascii: "["))
      for item in items { combine(item) }
      combine(byte: UInt8(ascii: "]"))
    case .object(let object):
      combine(byte: UInt8(ascii: "{"))
      for key in object.keys.sorted() {
        combine(key)
        combine(object[key]!)
      }
      combine(byte: UInt8(ascii: "}"))
    }
  }

  mutating func combine(_ result: OpenFeatureResolution) {
    combine(result.key)
    combine(result.variant ?? "")
    combine(result.reason ?? "")
    combine(result.error?.errorCode ?? "")
    combine(result.error?.description ?? "")
    combine(result.value ?? .null)
    for (key, value) in result.metadata {
      combine(key)
      combine(value)
    }
  }
}
