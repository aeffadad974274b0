import Foundation
import Pipeline

/// The share of a show's ad impressions each placement carries.
///
/// `metrics_daily.impressions` counts the ads delivered in all positions; a placement's inventory
/// is that forecast × its share. The default, ``standard``, is pre 0.40, mid 0.40, post 0.20
/// (post-rolls lose the listeners who stop before the end). A settings file overrides it for the
/// whole network and per show:
///
/// ```json
/// { "default": { "pre": 0.4, "mid": 0.4, "post": 0.2 },
///   "shows": { "night-shift": { "pre": 0.5, "mid": 0.5, "post": 0 } } }
/// ```
///
/// Each share is in 0…1 and a show's shares add up to at most 1; a placement missing from an
/// entry takes the default's share.
public struct PlacementShares: Sendable, Equatable {
  /// Shares by placement.
  public typealias Split = [Placement: Double]

  public static let standardSplit: Split = [.pre: 0.4, .mid: 0.4, .post: 0.2]
  /// pre 0.40, mid 0.40, post 0.20 for every show.
  public static let standard = PlacementShares(default: standardSplit, shows: [:])

  public let defaultSplit: Split
  public let shows: [String: Split]

  public init(default defaultSplit: Split, shows: [String: Split]) {
    self.defaultSplit = defaultSplit
    self.shows = shows
  }

  /// The share of `placement` on `showID`.
  public func share(_ placement: Placement, show showID: String) -> Double {
    shows[showID]?[placement] ?? defaultSplit[placement] ?? 0
  }

  /// Reads a settings file (see the type's documentation).
  public static func load(path: String) throws(AvailsError) -> PlacementShares {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .settingsUnreadable(path: path, reason: error.localizedDescription)
    }
    return try parse(data, path: path)
  }

  /// Parses the settings JSON; `path` names the file in errors.
  public static func parse(_ data: Data, path: String) throws(AvailsError) -> PlacementShares {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw .invalidSettings(path: path, key: "", problem: "is not valid JSON")
    }
    guard let root = object as? [String: Any] else {
      throw .invalidSettings(path: path, key: "", problem: "must be a JSON object")
    }
    for key in root.keys where key != "default" && key != "shows" {
      throw .invalidSettings(
        path: path, key: key, problem: "is not a setting; use \"default\" or \"shows\"")
    }
    var defaultSplit = standardSplit
    if let value = root["default"] {
      defaultSplit = try split(value, base: standardSplit, path: path, key: "default")
    }
    var shows: [String: Split] = [:]
    if let value = root["shows"] {
      guard let entries = value as? [String: Any] else {
        throw .invalidSettings(path: path, key: "shows", problem: "must be an object of show ids")
      }
      for (show, entry) in entries {
        shows[show] = try split(entry, base: defaultSplit, path: path, key: "shows.\(show)")
      }
    }
    return PlacementShares(default: defaultSplit, shows: shows)
  }

  private static func split(_ value: Any, base: Split, path: String, key: String)
    throws(AvailsError) -> Split
  {
    guard let entry = value as? [String: Any] else {
      throw .invalidSettings(
        path: path, key: key, problem: "must be an object like {\"pre\": 0.4, \"mid\": 0.4}")
    }
    var result = base
    for (name, raw) in entry {
      guard let placement = Placement(rawValue: name) else {
        throw .invalidSettings(
          path: path, key: "\(key).\(name)", problem: "is not a placement; use pre, mid or post")
      }
      guard let number = raw as? NSNumber, !(raw is Bool), (0...1).contains(number.doubleValue)
      else {
        throw .invalidSettings(
          path: path, key: "\(key).\(name)", problem: "must be a number from 0 to 1, got \(raw)")
      }
      result[placement] = number.doubleValue
    }
    let total = Placement.allCases.reduce(0) { $0 + (result[$1] ?? 0) }
    guard total <= 1 + 1e-9 else {
      throw .invalidSettings(
        path: path, key: key,
        problem: "shares add up to \(total), more than 1; lower them so they add up to at most 1")
    }
    return result
  }
}

extension PlacementShares {
  /// The settings file read when none is named: `avails.json` in the working directory.
  public static let defaultPath = "avails.json"

  /// The shares from `explicit` (which must exist), else from ``defaultPath`` when that file
  /// exists, else ``standard``.
  public static func resolve(explicit: String?) throws(AvailsError) -> PlacementShares {
    if let explicit { return try load(path: explicit) }
    guard FileManager.default.fileExists(atPath: defaultPath) else { return .standard }
    return try load(path: defaultPath)
  }
}
