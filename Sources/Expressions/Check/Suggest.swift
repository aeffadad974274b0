import Diagnostics

/// Did-you-mean suggestions and conversion hints for diagnostics.
enum Suggest {
  /// "did you mean `x`?" for the closest candidate within a small edit distance.
  static func didYouMean(_ name: String, _ candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in Set(candidates) {
      let distance = editDistance(name.lowercased(), candidate.lowercased())
      let limit = max(1, min(3, name.count / 3 + 1))
      if distance <= limit,
        best.map({ distance < $0.1 || (distance == $0.1 && candidate < $0.0) }) ?? true
      {
        best = (candidate, distance)
      }
    }
    if best == nil { best = abbreviation(name, candidates).map { ($0, 0) } }
    return best.map { "did you mean `\($0.0)`?" }
  }

  /// The macros (`list.filter(x, p)`), which are not library functions but are spelt like methods.
  static let macros = [
    "all", "exists", "exists_one", "existsOne", "map", "filter", "transformList", "transformMap",
    "transformMapEntry", "optMap", "optFlatMap",
  ]

  /// A candidate that is an abbreviation of `name` or that `name` abbreviates (`env` for
  /// `enviroment`, `account` for `acc`), both sides at least three characters; the longest wins.
  static func abbreviation(_ name: String, _ candidates: [String]) -> String? {
    let lower = name.lowercased()
    guard lower.count >= 3 else { return nil }
    return Set(candidates).filter { candidate in
      let other = candidate.lowercased()
      guard other.count >= 3, other != lower else { return false }
      return lower.hasPrefix(other) || other.hasPrefix(lower)
    }.max { ($0.count, $1) < ($1.count, $0) }
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    NameSuggester.editDistance(Array(a), Array(b))
  }

  private static let arithmetic: [String: String] = [
    "_+_": "+", "_-_": "-", "_*_": "*", "_/_": "/", "_%_": "%",
  ]

  /// For mixed int/uint/double arithmetic: "convert one side, e.g. double(x) + 0.5".
  static func conversionHelp(_ function: String, args: [CheckedExpr], file: SourceFile) -> String? {
    guard args.count == 2, args[0].type.isNumeric, args[1].type.isNumeric,
      args[0].type != args[1].type
    else { return nil }
    let left = file.text(in: args[0].range)
    let right = file.text(in: args[1].range)
    let op = arithmetic[function].map { " \($0) " }
    guard let op else { return nil }
    let target: CELType = (args[0].type == .double || args[1].type == .double) ? .double : .int
    let converted =
      args[0].type == target ? "\(left)\(op)\(target)(\(right))" : "\(target)(\(left))\(op)\(right)"
    return "convert one side, e.g. \(converted)"
  }
}
