import Diagnostics

/// "Did you mean" hints for misspelled SQL block and column names.
enum NameSuggestion {
  /// `; did you mean "downloads"? (known: day, downloads)`, or `""` when there is nothing to list.
  static func hint(_ name: String, among keys: [String]) -> String {
    guard !keys.isEmpty else { return "" }
    let nearest = keys.min { distance($0, name) < distance($1, name) }!
    let suggestion =
      distance(nearest, name) <= max(2, name.count / 3) ? "; did you mean \"\(nearest)\"?" : ""
    return suggestion + " (known: \(keys.joined(separator: ", ")))"
  }

  /// Levenshtein distance (the one every "did you mean" in Cuesheet uses).
  static func distance(_ a: String, _ b: String) -> Int {
    NameSuggester.editDistance(Array(a), Array(b))
  }
}
