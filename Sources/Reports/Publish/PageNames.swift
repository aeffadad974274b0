/// Output file names for a report's pages, unique after cleaning.
///
/// A page's name comes from the template's `output:` (say `{{ show_id }}`), cleaned to
/// `[A-Za-z0-9._-]`. Two different ids can clean to the same name (`byte/sized` and `byte-sized`),
/// and names that differ only in case collide on case-insensitive file systems. Pages whose name
/// needed no cleaning keep it; a page whose cleaned name is already taken gets a short hash of its
/// uncleaned name as a suffix (`byte-sized-3f2a9c1d`), so its name stays the same from build to
/// build whatever other pages exist. Pages with the very same uncleaned name are a template
/// mistake: the later ones get `-2`, `-3`… and a warning.
struct PageNames {
  /// The name for each page, in page order.
  private(set) var names: [String] = []
  /// One sentence per page that shared its uncleaned name with an earlier page.
  private(set) var warnings: [String] = []

  /// Assigns names to pages whose uncleaned output names are `raw` (in page order).
  init(raw: [String], file: String) {
    var taken: Set<String> = []
    var assigned = [String?](repeating: nil, count: raw.count)
    let cleaned = raw.map(Self.sanitize)
    // First the names that needed no cleaning, so they never move because of another page.
    for (index, name) in cleaned.enumerated() where name == raw[index] {
      if taken.insert(name.lowercased()).inserted { assigned[index] = name }
    }
    var firstWithRaw: [String: Int] = [:]
    for (index, name) in cleaned.enumerated() where assigned[index] == nil {
      if taken.insert(name.lowercased()).inserted {
        assigned[index] = name
        continue
      }
      let suffixed = String(name.prefix(111)) + "-" + Self.shortHash(raw[index])
      if taken.insert(suffixed.lowercased()).inserted {
        assigned[index] = suffixed
        continue
      }
      var counter = 2
      while !taken.insert("\(suffixed)-\(counter)".lowercased()).inserted { counter += 1 }
      assigned[index] = "\(suffixed)-\(counter)"
    }
    for (index, name) in raw.enumerated() {
      if let first = firstWithRaw[name] {
        warnings.append(
          "\(file): pages \(first + 1) and \(index + 1) have the same output name \"\(name)\"; page \(index + 1) was written as \"\(assigned[index]!)\" (make \"output:\" unique per page, e.g. with an id column)"
        )
      } else {
        firstWithRaw[name] = index
      }
    }
    names = assigned.map { $0! }
  }

  /// Keeps `[A-Za-z0-9._-]`, replacing anything else with `-`; never empty, never hidden.
  static func sanitize(_ name: String) -> String {
    var out = String(
      name.map {
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "-"
      })
    while out.hasPrefix(".") { out.removeFirst() }
    return out.isEmpty ? "page" : String(out.prefix(120))
  }

  /// Eight hex digits of the FNV-1a hash of `text`'s UTF-8 bytes.
  static func shortHash(_ text: String) -> String {
    var hash: UInt32 = 0x811c_9dc5
    for byte in text.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 0x0100_0193
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
  }
}
