import Foundation

/// Escapes text so that CommonMark shows it literally: `<script>` stays text, `*a*` stays stars.
enum MarkdownEscape {
  private static let special: Set<Character> = [
    "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!", "{", "}", "$",
  ]

  /// Backslash-escapes CommonMark punctuation and turns newlines into spaces.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      if character == "\n" || character == "\r" {
        out.append(" ")
      } else {
        if special.contains(character) { out.append("\\") }
        out.append(character)
      }
    }
    return out
  }
}
