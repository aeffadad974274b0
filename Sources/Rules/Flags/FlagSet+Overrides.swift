import Diagnostics
import Foundation

/// A `CUESHEET_FLAG_*` override that names no flag or a value the flag does not have.
public struct FlagOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One sentence per bad override, sorted by variable name.
  public let problems: [String]

  public var description: String { problems.joined(separator: " ") }
}

extension FlagSet {
  /// Checks every override against the loaded flags, so a typo is an error instead of being
  /// silently ignored at evaluation time.
  ///
  /// `CUESHEET_FLAG_IO_TEMPLATE=bogus` gives
  /// `CUESHEET_FLAG_IO_TEMPLATE=bogus is not a value of IO_TEMPLATE; allowed: classic, modern.`
  public func validate(_ overrides: FlagOverrides) throws(FlagOverrideError) {
    var problems: [String] = []
    for (name, value) in overrides.values.sorted(by: { $0.key < $1.key }) {
      let variable = "CUESHEET_FLAG_\(name)"
      guard let flag = flag(named: name) else {
        let names = flags.map(\.name)
        let hint = NameSuggester.closest(to: name, among: names).map {
          " Did you mean CUESHEET_FLAG_\($0)?"
        }
        problems.append(
          "\(variable) names no flag in the rule files; known flags: \(names.joined(separator: ", ")).\(hint ?? "")"
        )
        continue
      }
      guard flag.variantIndex(value) == nil else { continue }
      problems.append(
        "\(variable)=\(value) is not a value of \(name); allowed: "
          + flag.variants.map(\.name).joined(separator: ", ") + ".")
    }
    if !problems.isEmpty { throw FlagOverrideError(problems: problems) }
  }
}
