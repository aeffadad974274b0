import Foundation

/// Operator overrides: `CUESHEET_FLAG_<NAME>=on|off|<variant>`.
///
/// Precedence, highest first: the process environment, then a `.env` file (KEY=VALUE lines, `#`
/// comments, optional quotes), then the rule files.
public struct FlagOverrides: Sendable, Equatable {
  /// Overrides by flag name.
  public var values: [String: String]

  public init(values: [String: String] = [:]) { self.values = values }

  /// No overrides.
  public static let none = FlagOverrides()

  /// The override for a flag, if any.
  public func value(for flag: String) -> String? { values[flag] }

  /// Reads `CUESHEET_FLAG_*` from `environment`, falling back to the `.env` file at `dotEnvPath`.
  public static func load(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    dotEnvPath: String? = ".env"
  ) -> FlagOverrides {
    var values: [String: String] = [:]
    if let dotEnvPath, let text = try? String(contentsOfFile: dotEnvPath, encoding: .utf8) {
      for (key, value) in parseDotEnv(text) { values[key] = value }
    }
    for (key, value) in extract(environment) { values[key] = value }
    return FlagOverrides(values: values)
  }

  /// Overrides from a map of variables (`CUESHEET_FLAG_X` → `X`).
  public static func extract(_ variables: [String: String]) -> [String: String] {
    var values: [String: String] = [:]
    for (key, value) in variables where key.hasPrefix("CUESHEET_FLAG_") {
      let name = String(key.dropFirst("CUESHEET_FLAG_".count))
      let trimmed = value.trimmingCharacters(in: .whitespaces)
      if !name.isEmpty && !trimmed.isEmpty { values[name] = trimmed }
    }
    return values
  }

  /// Parses `.env` text: `KEY=VALUE` lines, `export` prefixes, `#` comments, quoted values.
  public static func parseDotEnv(_ text: String) -> [String: String] {
    var variables: [String: String] = [:]
    for rawLine in text.split(whereSeparator: \.isNewline) {
      var line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
      guard let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces)
      var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, let first = value.first, first == "\"" || first == "'",
        value.last == first
      {
        value = String(value.dropFirst().dropLast())
      } else if let hash = value.range(of: " #") {
        value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
      }
      variables[key] = value
    }
    return extract(variables)
  }
}
