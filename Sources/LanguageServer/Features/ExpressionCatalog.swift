/// The rule language's functions and macros as editors show them: a signature and one line of
/// documentation each (the tables of `docs/rule-language.md`).
///
/// `LanguageServerTests` compiles every entry's example, so a name here that the language does
/// not have fails a test.
public struct CatalogEntry: Sendable {
  public enum Kind: Sendable {
    case function
    case macro
  }

  /// The name as called: `size`, `math.least`, `filter`.
  public let name: String
  /// Called as `x.name(…)` (member), `name(…)` (global), or either.
  public let member: Bool
  public let global: Bool
  public let kind: Kind
  public let signature: String
  public let doc: String
  /// An expression using it that type-checks with no variables.
  public let example: String
}

public enum ExpressionCatalog {
  private static func f(
    _ name: String, member: Bool = false, global: Bool = true, _ signature: String,
    _ doc: String, _ example: String
  ) -> CatalogEntry {
    CatalogEntry(
      name: name, member: member, global: global, kind: .function, signature: signature, doc: doc,
      example: example)
  }

  private static func m(_ name: String, _ signature: String, _ doc: String, _ example: String)
    -> CatalogEntry
  {
    CatalogEntry(
      name: name, member: name != "has", global: name == "has", kind: .macro,
      signature: signature, doc: doc, example: example)
  }

  public static let entries: [CatalogEntry] = [
    m("has", "has(x.f) -> bool", "Is field or key `f` present.", "has({'a': 1}.a)"),
    m("all", "list.all(x, p) -> bool", "`p` holds for every element.", "[1, 2].all(x, x > 0)"),
    m(
      "exists", "list.exists(x, p) -> bool", "`p` holds for at least one element.",
      "[1, 2].exists(x, x > 1)"),
    m(
      "exists_one", "list.exists_one(x, p) -> bool", "`p` holds for exactly one element.",
      "[1, 2, 3].exists_one(x, x > 2)"),
    m(
      "map", "list.map(x, [p,] e) -> list", "Transform each (matching) element.",
      "[1, 2].map(x, x * 10)"),
    m(
      "filter", "list.filter(x, p) -> list", "Keep the matching elements.",
      "[1, 2, 3].filter(x, x % 2 == 1)"),
    f(
      "size", member: true, "size(x) -> int",
      "Length of a string (code points), bytes, list or map.",
      "size('héllo')"),
    f(
      "contains", member: true, global: false, "string.contains(string) -> bool",
      "Does the string contain the other.", "'podcast'.contains('cast')"),
    f(
      "startsWith", member: true, global: false, "string.startsWith(string) -> bool",
      "Does the string start with the other.", "'podcast'.startsWith('pod')"),
    f(
      "endsWith", member: true, global: false, "string.endsWith(string) -> bool",
      "Does the string end with the other.", "'podcast'.endsWith('cast')"),
    f(
      "matches", member: true, "string.matches(regex) -> bool",
      "Does the RE2 pattern match anywhere in the string.", "'startup'.matches('(?i)START')"),
    f("type", "type(x) -> type", "The type of a value.", "type(1u) == uint"),
    f("dyn", "dyn(x) -> dyn", "`x`, type-checked when run.", "dyn(1) == 1"),
    f(
      "int", "int(x) -> int", "Convert uint, double (truncates), string or timestamp.", "int('42')"),
    f("uint", "uint(x) -> uint", "Convert int ≥ 0, double or string.", "uint(5)"),
    f("double", "double(x) -> double", "Convert int, uint or string.", "double(3) / 2.0"),
    f(
      "string", "string(x) -> string", "Convert a number, bool, bytes, timestamp or duration.",
      "string(3.0)"),
    f("bytes", "bytes(s) -> bytes", "The UTF-8 bytes of a string.", "bytes('a')"),
    f("bool", "bool(s) -> bool", "Parse 'true', 'false', 't', 'f', '1', '0'.", "bool('true')"),
    f(
      "timestamp", "timestamp(x) -> timestamp", "An RFC 3339 string or Unix seconds as a time.",
      "timestamp('2026-11-25T08:00:00Z')"),
    f(
      "duration", "duration(s) -> duration", "A duration such as '1h30m', '90s', '300ms'.",
      "duration('1h30m')"),
    f(
      "getFullYear", member: true, global: false, "timestamp.getFullYear([tz]) -> int",
      "The year.", "timestamp('2026-11-25T08:00:00Z').getFullYear()"),
    f(
      "getMonth", member: true, global: false, "timestamp.getMonth([tz]) -> int",
      "The month, January is 0.", "timestamp('2026-11-25T08:00:00Z').getMonth()"),
    f(
      "getDate", member: true, global: false, "timestamp.getDate([tz]) -> int",
      "The day of the month from 1.", "timestamp('2026-11-25T08:00:00Z').getDate()"),
    f(
      "getDayOfWeek", member: true, global: false, "timestamp.getDayOfWeek([tz]) -> int",
      "The day of the week, Sunday is 0.", "timestamp('2026-11-25T08:00:00Z').getDayOfWeek()"),
    f(
      "getHours", member: true, global: false, "timestamp.getHours([tz]) -> int",
      "The hour (also whole hours of a duration).",
      "timestamp('2026-11-25T08:00:00Z').getHours('America/New_York')"),
    f(
      "getMinutes", member: true, global: false, "timestamp.getMinutes([tz]) -> int",
      "The minute (also whole minutes of a duration).", "duration('90m').getMinutes()"),
    f(
      "charAt", member: true, global: false, "string.charAt(int) -> string",
      "The character at an index.", "'abc'.charAt(1)"),
    f(
      "indexOf", member: true, global: false, "string.indexOf(string[, from]) -> int",
      "The first index of a substring, or -1.", "'banana'.indexOf('an')"),
    f(
      "lastIndexOf", member: true, global: false, "string.lastIndexOf(string[, upTo]) -> int",
      "The last index of a substring, or -1.", "'banana'.lastIndexOf('an')"),
    f(
      "substring", member: true, global: false, "string.substring(start[, end]) -> string",
      "The characters from start up to end.", "'hello'.substring(1, 3)"),
    f(
      "replace", member: true, global: false, "string.replace(old, new[, n]) -> string",
      "Replace occurrences (the first n).", "'banana'.replace('a', 'o', 2)"),
    f(
      "split", member: true, global: false, "string.split(sep[, n]) -> list(string)",
      "Split at a separator.", "'a,b,c'.split(',')"),
    f(
      "join", member: true, global: false, "list(string).join([sep]) -> string",
      "Join strings.", "['a', 'b'].join('-')"),
    f(
      "trim", member: true, global: false, "string.trim() -> string",
      "Without leading and trailing white space.", "'  pad '.trim()"),
    f(
      "lowerAscii", member: true, global: false, "string.lowerAscii() -> string",
      "A–Z lowered.", "'TechTalk'.lowerAscii()"),
    f(
      "upperAscii", member: true, global: false, "string.upperAscii() -> string",
      "a–z raised.", "'TechTalk'.upperAscii()"),
    f(
      "format", member: true, global: false, "string.format(list) -> string",
      "printf-style formatting (%s, %d, %f, …).", "'%s has %d shows'.format(['Acme', 3])"),
    f(
      "math.greatest", "math.greatest(a, b, …) -> number", "The largest argument or list element.",
      "math.greatest(3, 7, 5)"),
    f(
      "math.least", "math.least(a, b, …) -> number", "The smallest argument or list element.",
      "math.least(1.0, 0.5)"),
    f("math.abs", "math.abs(x) -> number", "The absolute value.", "math.abs(-3)"),
    f(
      "math.sign", "math.sign(x) -> number", "-1, 0 or 1 in the argument's type.",
      "math.sign(-2.5)"),
    f("math.ceil", "math.ceil(double) -> double", "Round up.", "math.ceil(2.1)"),
    f("math.floor", "math.floor(double) -> double", "Round down.", "math.floor(2.7)"),
    f(
      "math.round", "math.round(double) -> double", "Round half away from zero.",
      "math.round(2.5)"),
    f("math.trunc", "math.trunc(double) -> double", "Round toward zero.", "math.trunc(-2.5)"),
    f("math.isNaN", "math.isNaN(double) -> bool", "Is it NaN.", "math.isNaN(0.0 / 0.0)"),
    f("math.isInf", "math.isInf(double) -> bool", "Is it infinite.", "math.isInf(1.0 / 0.0)"),
    f("math.isFinite", "math.isFinite(double) -> bool", "Is it finite.", "math.isFinite(1.0)"),
    f(
      "base64.encode", "base64.encode(bytes) -> string", "Base64 text of bytes.",
      "base64.encode(b'hello')"),
    f(
      "base64.decode", "base64.decode(string) -> bytes", "Bytes of base64 text.",
      "base64.decode('aGVsbG8')"),
    f("ip", "ip(string) -> net.IP", "An IP address.", "ip('::1').family() == 6"),
    f(
      "cidr", "cidr(string) -> net.CIDR", "An IP network.",
      "cidr('192.168.0.0/24').containsIP('192.168.0.1')"),
  ]

  /// The entry called `name` (`math.least`, `size`), preferring a member entry for `x.name(…)`.
  public static func entry(named name: String, member: Bool) -> CatalogEntry? {
    entries.first { $0.name == name && (member ? $0.member : $0.global) }
      ?? entries.first { $0.name == name }
  }

  /// The language's keywords usable inside expressions.
  public static let literals = ["true", "false", "null", "in"]
}
