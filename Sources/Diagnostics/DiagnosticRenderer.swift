/// Renders diagnostics as text: a pure function of its input.
///
/// ```
/// error[check.type-mismatch]: rules/matchmaking.rules:12:18: cannot add int and double
///    12 |   signal reach = show.downloads + 0.5
///       |                  ^~~~~~~~~~~~~~~~~~~~
///    = help: convert one side, e.g. double(show.downloads) + 0.5
/// ```
public enum DiagnosticRenderer {
  /// Renders several diagnostics, separated by newlines.
  public static func render(_ diagnostics: [Diagnostic], colour: Bool = false) -> String {
    diagnostics.map { render($0, colour: colour) }.joined(separator: "\n")
  }

  /// Renders one diagnostic with its source line, caret and notes; ends without a newline.
  public static func render(_ diagnostic: Diagnostic, colour: Bool = false) -> String {
    let bold = colour ? "\u{1B}[1m" : ""
    let reset = colour ? "\u{1B}[0m" : ""
    let tint: String
    switch diagnostic.severity {
    case .error: tint = colour ? "\u{1B}[1;31m" : ""
    case .warning: tint = colour ? "\u{1B}[1;33m" : ""
    case .note: tint = colour ? "\u{1B}[1;36m" : ""
    }
    var location = ""
    if let file = diagnostic.file {
      location = file.name
      if let position = diagnostic.position { location += ":\(position)" }
      location += ": "
    }
    var lines = [
      "\(tint)\(diagnostic.severity.rawValue)[\(diagnostic.id)]\(reset)\(bold): \(location)"
        + "\(diagnostic.message)\(reset)"
    ]
    if let file = diagnostic.file, let range = diagnostic.range {
      lines += excerpt(file: file, range: range, tint: tint, reset: reset)
    }
    for note in diagnostic.notes {
      var text = note.message
      if let file = diagnostic.file, let range = note.range {
        text += " (\(file.position(of: range.start)))"
      }
      lines.append("   = note: \(text)")
    }
    if let help = diagnostic.help { lines.append("   = help: \(help)") }
    return lines.joined(separator: "\n")
  }

  /// The source line of the range start with a caret line under the range.
  static func excerpt(file: SourceFile, range: SourceRange, tint: String, reset: String) -> [String]
  {
    let start = file.position(of: range.start)
    let end = file.position(of: range.end)
    let lineText = file.lineText(start.line)
    let lineScalars = lineText.unicodeScalars.count
    let width: Int
    if end.line == start.line {
      width = max(1, end.column - start.column)
    } else {
      width = max(1, lineScalars - start.column + 1)
    }
    let number = String(start.line)
    let gutter = String(repeating: " ", count: number.count)
    // Keep tabs so the caret lines up under them.
    var padding = ""
    for (index, scalar) in lineText.unicodeScalars.enumerated() where index < start.column - 1 {
      padding.append(scalar == "\t" ? "\t" : " ")
    }
    if start.column - 1 > lineScalars {
      padding += String(repeating: " ", count: start.column - 1 - lineScalars)
    }
    let marker = "^" + String(repeating: "~", count: width - 1)
    return [
      "   \(number) | \(lineText)",
      "   \(gutter) | \(padding)\(tint)\(marker)\(reset)",
    ]
  }
}
