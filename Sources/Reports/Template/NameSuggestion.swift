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

  /// Levenshtein distance.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
