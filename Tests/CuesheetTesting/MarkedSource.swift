import Diagnostics

/// Source text with `1️⃣`, `2️⃣`, `3️⃣`, `4️⃣` markers where a diagnostic must point
/// (swift-format style), so no test counts columns by hand.
///
/// ```swift
/// let marked = MarkedSource("show.cpm > 1 && 1️⃣shw.explicit")
/// marked.text           // "show.cpm > 1 && shw.explicit"
/// marked["1️⃣"]          // 16, the UTF-8 offset
/// marked.positions[0]   // 1:17, line and column (columns count Unicode scalars)
/// ```
public struct MarkedSource: Sendable {
  public static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣"]

  /// The text with the markers removed.
  public let text: String
  /// The one-based line and column of each marker, in the order they appear.
  public let positions: [SourcePosition]
  /// The UTF-8 offset in `text` of each marker.
  public let offsets: [String: Int]

  public init(_ marked: String) {
    var text = ""
    var positions: [SourcePosition] = []
    var offsets: [String: Int] = [:]
    var line = 1
    var column = 1
    for character in marked {
      if Self.markers.contains(character) {
        positions.append(SourcePosition(line: line, column: column))
        offsets[String(character)] = text.utf8.count
        continue
      }
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    self.text = text
    self.positions = positions
    self.offsets = offsets
  }

  /// The UTF-8 offset of `marker` (which must be in the source).
  public subscript(marker: String) -> Int { offsets[marker]! }
}
