import Foundation

/// A parsed report template (`reports/NAME.md`): front matter, named SQL blocks and the body.
///
/// ```markdown
/// ---
/// title: Creator dashboard — {{ name }}
/// pages: SELECT show_id, name FROM shows ORDER BY show_id
/// output: "{{ show_id }}"
/// schedule: 0 6 * * * Europe/London
/// ---
/// ```sql trend
/// SELECT day, sum(downloads) AS downloads FROM … WHERE show_id = :show_id GROUP BY day
/// ```
/// {% line trend x=day y=downloads %}
/// ```
public struct Template: Sendable {
  /// The report's name: the file name without `.md`.
  public let name: String
  /// The template file, as given (used in error messages).
  public let file: String
  public let frontMatter: FrontMatter
  /// Named queries, in the order they appear.
  public let queries: [NamedQuery]
  let body: [TemplateNode]
  let titleTemplate: [TemplateNode]
  let outputTemplate: [TemplateNode]?
}

/// A fenced ```` ```sql NAME ```` block.
public struct NamedQuery: Sendable {
  public let name: String
  public let sql: String
  /// Where the block's first SQL line is.
  public let location: TemplateLocation
}

/// The `---` block at the top of a template.
public struct FrontMatter: Sendable {
  /// The page title; may interpolate page parameters.
  public var title: String
  /// SQL returning one row per page; `nil` for a single-page report.
  public var pages: String?
  public var pagesLocation: TemplateLocation?
  /// The output file-name pattern (without extension); may interpolate page parameters.
  public var output: String?
  /// A five-field cron expression, optionally followed by a time zone name.
  public var schedule: String?
  /// Where the `schedule:` value is, for errors.
  public var scheduleLocation: TemplateLocation?
  /// A time zone for the schedule (`Europe/Berlin`); default UTC.
  public var timeZone: String?
  /// Where the `timezone:` value is, for errors.
  public var timeZoneLocation: TemplateLocation?
  /// A one-line description shown on the index page.
  public var description: String?
  /// `listed: false` keeps a template (such as an IO document) out of `reports build` without names,
  /// `reports run --due` and the index; it is still built when named.
  public var listed = true
}

/// One node of a template body.
indirect enum TemplateNode: Sendable {
  /// Literal Markdown.
  case text(String)
  /// `{{ expr }}`: the value, escaped for the output.
  case interpolation(any TemplateExpression, source: String, at: TemplateLocation)
  /// `{% for name in expr %} … {% empty %} … {% end %}`
  case loop(
    variable: String, sequence: any TemplateExpression, source: String, body: [TemplateNode],
    empty: [TemplateNode], at: TemplateLocation)
  /// `{% if expr %} … {% else %} … {% end %}`
  case conditional(
    any TemplateExpression, source: String, then: [TemplateNode], otherwise: [TemplateNode],
    at: TemplateLocation)
  /// `{% table … %}`, `{% kpi … %}`, `{% line … %}`, `{% bar … %}`, `{% sparkline … %}`
  case component(ComponentTag)
}

/// A component tag with its arguments.
struct ComponentTag: Sendable {
  enum Kind: String, Sendable, CaseIterable {
    case table, kpi, line, bar, sparkline
  }
  let kind: Kind
  /// The first bare word: the named query a table or chart shows.
  let source: String?
  /// `key=value` arguments, in order.
  let arguments: [(key: String, value: String)]
  /// Compiled expressions for KPI `value` and `previous`.
  let expressions: [String: any TemplateExpression]
  let location: TemplateLocation

  func argument(_ key: String) -> String? { arguments.first { $0.key == key }?.value }
}
