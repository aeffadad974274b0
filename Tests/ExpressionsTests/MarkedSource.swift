import Diagnostics

/// Source text with `1️⃣`, `2️⃣`, … markers removed, and the UTF-8 offset of each marker.
struct MarkedSource {
  static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣"]
  let text: String
  let offsets: [String: Int]

  init(_ marked: String) {
    var text = ""
    var offsets: [String: Int] = [:]
    var rest = Substring(marked)
    outer: while !rest.isEmpty {
      for marker in Self.markers where rest.hasPrefix(marker) {
        offsets[marker] = text.utf8.count
        rest = rest.dropFirst(marker.count)
        continue outer
      }
      text.append(rest.removeFirst())
    }
    self.text = text
    self.offsets = offsets
  }

  subscript(marker: String) -> Int { offsets[marker]! }
}
