import Foundation
import Rules
import Store

/// The contexts every flag is evaluated in on both sides of a diff.
///
/// By default every advertiser in the database is an account (`{"env": E, "account": {"id": ID}}`)
/// in every environment the rules compare `env` with; or the lines of a JSON-lines file.
public struct FlagPopulation: Sendable {
  /// One context: where it came from (for errors) and its JSON.
  public struct Member: Sendable {
    public let origin: String
    public let context: JSONValue
  }

  /// `database` or `contexts_file`.
  public let kind: String
  /// The environments of a `database` population.
  public let environments: [String]
  public let members: [Member]

  /// Advertisers × environments, environment-major, in the order given.
  public static func accounts(_ accountIDs: [String], environments: [String]) -> FlagPopulation {
    var members: [Member] = []
    members.reserveCapacity(accountIDs.count * environments.count)
    for environment in environments {
      for id in accountIDs {
        members.append(
          Member(
            origin: "account \(id) in \(environment)",
            context: .object(["env": .string(environment), "account": .object(["id": .string(id)])])
          ))
      }
    }
    return FlagPopulation(kind: "database", environments: environments, members: members)
  }

  /// One context per non-blank line of a JSON-lines file (`#` lines are comments).
  public static func jsonLines(_ text: String, file: String) throws -> FlagPopulation {
    var members: [Member] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let origin = "\(file):\(index + 1)"
      let value: JSONValue
      do {
        value = try JSONValue(parsing: String(trimmed))
      } catch {
        throw RulesDiffError.invalidContext(
          origin: origin, message: "not valid JSON: \(trimmed.prefix(80))")
      }
      guard case .object = value else {
        throw RulesDiffError.invalidContext(
          origin: origin, message: "each line must be a JSON object such as {\"env\": \"staging\"}")
      }
      members.append(Member(origin: origin, context: value))
    }
    return FlagPopulation(kind: "contexts_file", environments: [], members: members)
  }

  /// The environments flag conditions compare `env` with (`env == "x"`, `"x" == env`,
  /// `env != "x"`, `env in ["x", "y"]`), sorted; `production` when none is mentioned.
  public static func environments(mentionedBy flagSets: [FlagSet]) -> [String] {
    var found: Set<String> = []
    let patterns = [
      #"(?<![\w.])env\s*[!=]=\s*"([^"\\]*)""#,
      #""([^"\\]*)"\s*[!=]=\s*env(?![\w.])"#,
      #"(?<![\w.])env\s*[!=]=\s*'([^'\\]*)'"#,
      #"(?<![\w.])env\s+in\s*\[([^\]]*)\]"#,
    ].map { try! NSRegularExpression(pattern: $0) }
    let quoted = try! NSRegularExpression(pattern: #""([^"\\]*)"|'([^'\\]*)'"#)
    for flags in flagSets {
      for flag in flags.flags {
        for rule in flag.rules {
          let text = rule.conditionText
          let range = NSRange(text.startIndex..., in: text)
          for (position, pattern) in patterns.enumerated() {
            for match in pattern.matches(in: text, range: range) {
              guard let captured = Range(match.range(at: 1), in: text) else { continue }
              if position < 3 {
                found.insert(String(text[captured]))
                continue
              }
              let list = String(text[captured])
              let listRange = NSRange(list.startIndex..., in: list)
              for item in quoted.matches(in: list, range: listRange) {
                for group in 1...2 {
                  if let itemRange = Range(item.range(at: group), in: list) {
                    found.insert(String(list[itemRange]))
                  }
                }
              }
            }
          }
        }
      }
    }
    return found.isEmpty ? ["production"] : found.sorted()
  }
}
