import Diagnostics
import Rules

/// The parsed rule files of a workspace, for navigation: where flags, rule sets and `let`s are
/// defined and used, and which expression a position is in.
public struct RuleIndex: Sendable {
  public struct File: Sendable {
    public let source: SourceFile
    public let syntax: RuleFileSyntax
  }

  /// A named thing and where it is written.
  public struct Site: Sendable {
    public let file: SourceFile
    public let range: SourceRange
  }

  /// Where an expression sits: its range and what it belongs to.
  public struct ExpressionSite: Sendable {
    public enum Owner: Sendable {
      /// A flag's `when` condition or a rollout/split unit.
      case flag(FlagSyntax)
      /// A rule set's item (`let`, `require`, `signal`) at `item`, or its `keep` line (`item` nil).
      case ruleSet(RuleSetSyntax, item: Int?)
    }
    public let range: SourceRange
    public let owner: Owner
  }

  public let files: [File]

  public init(sources: [SourceFile]) {
    files = sources.map { File(source: $0, syntax: RuleFileParser.parse($0).0) }
  }

  public func file(named name: String) -> File? { files.first { $0.source.name == name } }

  // MARK: - Definitions

  public var flags: [(syntax: FlagSyntax, file: SourceFile)] {
    files.flatMap { file in file.syntax.flags.map { ($0, file.source) } }
  }

  public var ruleSets: [(syntax: RuleSetSyntax, file: SourceFile)] {
    files.flatMap { file in file.syntax.ruleSets.map { ($0, file.source) } }
  }

  public func flag(named name: String) -> (syntax: FlagSyntax, file: SourceFile)? {
    flags.first { $0.syntax.name.value == name }
  }

  public func ruleSet(named name: String) -> (syntax: RuleSetSyntax, file: SourceFile)? {
    ruleSets.first { $0.syntax.name.value == name }
  }

  /// Every place a flag is named: its definition, `requires` lines and tests' `flag` lines.
  public func flagSites(_ name: String, includeDefinition: Bool) -> [Site] {
    var sites: [Site] = []
    for file in files {
      for flag in file.syntax.flags {
        if includeDefinition && flag.name.value == name {
          sites.append(Site(file: file.source, range: flag.name.range))
        }
        for prerequisite in flag.prerequisites where prerequisite.flag.value == name {
          sites.append(Site(file: file.source, range: prerequisite.flag.range))
        }
      }
      for test in file.syntax.tests {
        if case .flag(let target) = test.target, target.value == name {
          sites.append(Site(file: file.source, range: target.range))
        }
      }
    }
    return sites
  }

  /// Every place a rule set is named: its definition and tests' `matchmaking` lines.
  public func ruleSetSites(_ name: String, includeDefinition: Bool) -> [Site] {
    var sites: [Site] = []
    for file in files {
      for ruleSet in file.syntax.ruleSets where includeDefinition && ruleSet.name.value == name {
        sites.append(Site(file: file.source, range: ruleSet.name.range))
      }
      for test in file.syntax.tests {
        if case .ruleSet(let target) = test.target, target.value == name {
          sites.append(Site(file: file.source, range: target.range))
        }
      }
    }
    return sites
  }

  // MARK: - Positions

  /// The expression of `file` that contains `offset` (its end included, for completion).
  public func expression(at offset: Int, in file: File) -> ExpressionSite? {
    for flag in file.syntax.flags where contains(flag.range, offset) {
      for rule in flag.rules {
        if contains(rule.condition, offset, inclusiveEnd: true) {
          return ExpressionSite(range: rule.condition, owner: .flag(flag))
        }
        switch rule.outcome {
        case .rollout(_, _, let unit), .split(let unit, _):
          if contains(unit, offset, inclusiveEnd: true) {
            return ExpressionSite(range: unit, owner: .flag(flag))
          }
        case .variant: break
        }
      }
    }
    for ruleSet in file.syntax.ruleSets where contains(ruleSet.range, offset) {
      for (index, item) in ruleSet.items.enumerated() {
        let range: SourceRange
        switch item {
        case .letBinding(_, let expression), .require(_, let expression),
          .signal(_, _, let expression):
          range = expression
        }
        if contains(range, offset, inclusiveEnd: true) {
          return ExpressionSite(range: range, owner: .ruleSet(ruleSet, item: index))
        }
      }
      if let keep = ruleSet.keep, contains(keep, offset, inclusiveEnd: true) {
        return ExpressionSite(range: keep, owner: .ruleSet(ruleSet, item: nil))
      }
    }
    return nil
  }

  /// The `let` names visible at an item of a rule set (those above it; all of them for `keep`),
  /// with their expressions.
  public static func lets(of ruleSet: RuleSetSyntax, before item: Int?) -> [(
    name: Located<String>, expression: SourceRange
  )] {
    let end = item ?? ruleSet.items.count
    return ruleSet.items.prefix(end).compactMap { item in
      if case .letBinding(let name, let expression) = item { return (name, expression) }
      return nil
    }
  }

  func contains(_ range: SourceRange, _ offset: Int, inclusiveEnd: Bool = false) -> Bool {
    offset >= range.start && (offset < range.end || (inclusiveEnd && offset == range.end))
  }
}
