/// A usage error as README.md promises it: one sentence, then the command's usage line (#14).
///
/// ArgumentParser's own text has an `Error:` line, often a `Help:` line and a "See … --help"
/// line; this keeps the sentence and the usage line:
///
/// ```
/// error: missing the argument <name>: the flag's name.
/// usage: cuesheet flags eval <name> [--rules <PATH> ...] [--env <env>] … [--json]
/// ```
public enum UsageMessage {
  /// The two lines for ArgumentParser's full message `text` (its `fullMessage(for:)`).
  public static func render(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let errorLine = lines.firstIndex { $0.hasPrefix("Error: ") }
    var message =
      errorLine.map { String(lines[$0].dropFirst(7)) } ?? lines.first ?? "invalid arguments"
    // Six values or more come as a bulleted list after "Please provide one of the following:".
    if let errorLine {
      let values = lines[(errorLine + 1)...].prefix { $0.hasPrefix("  - ") }.map {
        "'\($0.dropFirst(4))'"
      }
      if let last = values.last, message.hasSuffix(" of the following:") {
        message =
          message.dropLast(" the following:".count) + " "
          + values.dropLast().joined(separator: ", ") + " or \(last)"
      }
    }
    let help = lines.first { $0.hasPrefix("Help: ") }.map { String($0.dropFirst(6)) }
    let usage = lines.first { $0.hasPrefix("Usage: ") }.map { String($0.dropFirst(7)) }
    message = sentence(message, help: help)
    var result = "error: \(message)"
    if let usage { result += "\nusage: \(usage)" }
    return result
  }

  /// ArgumentParser's phrases as one sentence. A missing positional argument gets its help
  /// (`<name>  The flag's name.` → `missing the argument <name>: the flag's name.`); an option's
  /// help is left out: the usage line names the option, `--help` explains it.
  static func sentence(_ message: String, help: String?) -> String {
    var text = message.trimmingWhitespace
    let rewrites: [(String, String)] = [
      ("Missing expected argument ", "missing the argument "),
      ("Missing value for ", "missing a value for "),
      ("Unknown option ", "unknown option "),
      ("Unexpected argument ", "unexpected argument "),
      (". Please provide one of ", "; use one of "),
      (". Please provide one of: ", "; use one of "),
    ]
    let missingArgument = text.hasPrefix("Missing expected argument '<")
    if text.hasPrefix("Missing expected argument '-") {
      text = "missing the option " + text.dropFirst("Missing expected argument ".count)
    }
    for (old, new) in rewrites { text = text.replacing(old, with: new) }
    if text.hasPrefix("The value ") { text = "the value " + text.dropFirst("The value ".count) }
    if missingArgument, let help, let gap = help.firstRange(of: "  ") {
      var description = help[gap.upperBound...].trimmingWhitespace
      if description.hasSuffix(".") { description.removeLast() }
      if let first = description.first, !description.dropFirst().prefix(1).allSatisfy(\.isUppercase)
      {
        description = first.lowercased() + description.dropFirst()
      }
      if !description.isEmpty { text += ": " + description }
    }
    if let last = text.last, !".?!".contains(last) { text += "." }
    return text
  }
}

extension StringProtocol {
  var trimmingWhitespace: String {
    var text = Substring(self)
    while text.first?.isWhitespace == true { text = text.dropFirst() }
    while text.last?.isWhitespace == true { text = text.dropLast() }
    return String(text)
  }
}
