/// Estimates how wide a label is in a chart's font, so margins can be sized and labels shortened
/// before they would clip.
///
/// The table holds, for each printable ASCII character, the widest advance (in thousandths of an
/// em) among the faces the chart font stack resolves to on the machines we ship to: DejaVu Sans
/// (Debian's `system-ui` and `sans-serif`) and Liberation Sans / Arial (metric-compatible; also a
/// stand-in for Helvetica). Measured in headless Chromium with canvas `measureText`. Other
/// characters are estimated by script, erring wide: emoji and East Asian characters count 1.3 em,
/// so a label is never drawn wider than its estimate.
///
/// ```swift
/// TextWidth.width("Closed won", size: 12)  // ≈ 70.0
/// TextWidth.fit("First Generation Money", width: 90, size: 12)  // "First Genera…"
/// ```
enum TextWidth {
  /// Advances of U+0020 … U+007E in 1/1000 em.
  private static let ascii: [Int] = [
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337,
    637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 557,
    1016, 685, 687, 723, 771, 667, 611, 778, 752, 295, 500, 667, 558, 863, 749, 788,
    667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 337, 391, 838, 557,
    500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
    635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
  ]

  /// The ellipsis that marks a shortened label.
  static let ellipsis: Character = "…"

  /// The width of one user-perceived character, in 1/1000 em.
  static func advance(_ character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    let value = first.value
    if character.unicodeScalars.count == 1, value >= 0x20, value < 0x7F {
      return ascii[Int(value) - 0x20]
    }
    if character == ellipsis { return 1000 }
    if first.properties.isEmojiPresentation
      || character.unicodeScalars.count > 1
        && character.unicodeScalars.contains(where: { $0.properties.isEmoji && $0.value > 0xFF })
    {
      return 1300
    }
    switch value {
    case 0..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F:
      return 0  // controls, zero-width and direction marks, variation selectors
    case 0xA0..<0x0590: return 800  // Latin, Greek, Cyrillic with accents
    case 0x0590..<0x0600: return 750  // Hebrew
    case 0x0600..<0x0800: return 1000  // Arabic, Syriac, Thaana
    case 0x1100..<0x1200, 0x2E80..<0xA000, 0xAC00..<0xD7A4, 0xF900..<0xFB00, 0xFF00..<0xFF61:
      return 1300  // East Asian wide
    case 0x1F000...0x1FAFF: return 1300  // symbols and emoji without emoji presentation
    default: return 1000
    }
  }

  /// The width of `text` at `size` pixels.
  static func width(_ text: String, size: Double) -> Double {
    Double(text.reduce(0) { $0 + advance($1) }) * size / 1000
  }

  /// `text` unchanged when it fits in `width` pixels, else its longest prefix (whole characters,
  /// trailing spaces dropped) followed by "…" that fits.
  static func fit(_ text: String, width: Double, size: Double) -> String {
    if Self.width(text, size: size) <= width { return text }
    let budget = width * 1000 / size - Double(advance(ellipsis))
    var used = 0.0
    var out = ""
    for character in text {
      let next = Double(advance(character))
      if used + next > budget { break }
      used += next
      out.append(character)
    }
    while out.last?.isWhitespace == true { out.removeLast() }
    return out + String(ellipsis)
  }
}
