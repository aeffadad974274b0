import Diagnostics
import Testing

/// Source text with `1️⃣` markers where a diagnostic's caret must point (swift-format style).
struct MarkedSource {
  /// The text with markers removed.
  let text: String
  /// The one-based line and column of each marker, in order.
  let positions: [SourcePosition]

  init(_ marked: String) {
    var text = ""
    var positions: [SourcePosition] = []
    var line = 1
    var column = 1
    for character in marked {
      if ["1️⃣", "2️⃣", "3️⃣", "4️⃣"].contains(character) {
        positions.append(SourcePosition(line: line, column: column))
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
  }
}

/// The package root (for `rules/`), from this file's path.
let packageRoot: String = {
  var url = #filePath.split(separator: "/").dropLast(4).joined(separator: "/")
  url = "/" + url
  return url
}()
