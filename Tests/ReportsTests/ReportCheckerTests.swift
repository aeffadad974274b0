import Foundation
import Reports
import Testing

@Suite struct ReportCheckerTests {
  /// One template per mistake; `expected` is the `file:line:column: message` fragment it must give.
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let template: String
    let location: String
    let message: String
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "time_zone",
      template: "---\ntitle: T\nschedule: 0 6 * * *\ntimezone: Europe/Berlinn\n---\nx\n",
      location: "4:11", message: "unknown time zone \"Europe/Berlinn\""),
    Case(
      name: "cron", template: "---\ntitle: T\nschedule: 0 6 * * 9\n---\nx\n",
      location: "3:11", message: "\"9\" is not a valid day of week"),
    Case(
      name: "pages_sql",
      template: "---\ntitle: T\npages: SELECT show_id FROM showz\n---\nx\n",
      location: "3:8", message: "no such table: showz"),
    Case(
      name: "parameter",
      template:
        "---\ntitle: T\npages: SELECT show_id FROM shows\n---\n```sql q\nSELECT 1 AS n\n  WHERE 1 = :shw_id\n```\n{{ q[0].n }}\n",
      location: "7:13",
      message: "parameter :shw_id, which is not a page parameter; did you mean \"show_id\"?"),
    Case(
      name: "column",
      template:
        "---\ntitle: T\n---\n```sql trend\nSELECT day, downloads FROM metrics_daily\n```\nTotal: {{ trend[0].downloadz }}\n",
      location: "7:20",
      message: "unknown column \"downloadz\" in SQL block \"trend\"; did you mean \"downloads\"?"),
    Case(
      name: "loop_column",
      template:
        "---\ntitle: T\n---\n```sql trend\nSELECT day, downloads FROM metrics_daily\n```\n{% for row in trend %}\n- {{ row.dy }}\n{% end %}\n",
      location: "8:10",
      message: "unknown column \"dy\" in SQL block \"trend\"; did you mean \"day\"?"),
    Case(
      name: "name",
      template:
        "---\ntitle: T\npages: SELECT show_id, name FROM shows\n---\n# {{ nmae }}\n",
      location: "5:6", message: "unknown name \"nmae\"; did you mean \"name\"?"),
    Case(
      name: "chart_column",
      template:
        "---\ntitle: T\n---\n```sql trend\nSELECT day, downloads FROM metrics_daily\n```\n{% line trend x=day y=downloads,listeners %}\n",
      location: "7:9", message: "unknown column \"listeners\" in SQL block \"trend\""),
    Case(
      name: "table_source",
      template:
        "---\ntitle: T\n---\n```sql trend\nSELECT day FROM metrics_daily\n```\n{% table trnd day=\"Day\" %}\n",
      location: "7:10", message: "did you mean \"trend\"?"),
    Case(
      name: "syntax",
      template: "---\ntitle: T\n---\n{% if %}\n",
      location: "4:", message: "bad expression"),
  ]

  @Test(arguments: cases)
  func reportsTheMistakeWhereItIs(_ item: Case) throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates([item.name: item.template])
    let checks = try ReportChecker(store: fixture.store, templatesDirectory: dir).check()
    let problems = try #require(checks.first).problems
    #expect(problems.count == 1, "\(problems)")
    let text = try #require(problems.first).description
    #expect(text.contains("\(item.name).md:\(item.location)"), "\(text)")
    #expect(text.contains(item.message), "\(text)")
  }

  @Test func shippedTemplatesHaveNoProblems() throws {
    let fixture = try ReportFixture()
    let checks = try ReportChecker(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates
    ).check()
    #expect(checks.count >= 4)
    #expect(checks.flatMap(\.problems).map(\.description) == [])
  }

  @Test func correctTemplateHasNoProblems() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates([
      "ok": """
      ---
      title: Show {{ name }}
      pages: SELECT show_id, name FROM shows
      output: "{{ show_id }}"
      schedule: 0 6 * * 1 Europe/London
      ---
      ```sql trend
      SELECT day, sum(downloads) AS downloads FROM metrics_daily m
        JOIN episodes e USING (episode_id) WHERE e.show_id = :show_id AND day <= :today GROUP BY day
      ```
      {% if size(trend) > 0 %}{{ trend[0].downloads | number }}{% end %}
      {% for row in trend.filter(r, r.downloads > 0) %}{{ row.day }} {{ page.name }}{% end %}
      {{ trend.map(r, r.downloads).size() }} {{ math.greatest(1, 2) }}
      {% kpi label="Latest" value=trend[0].downloads %}
      {% line trend x=day y=downloads %}
      {% table trend day="Day|date" downloads="Downloads|number" %}
      """
    ])
    let checks = try ReportChecker(store: fixture.store, templatesDirectory: dir).check()
    #expect(checks.flatMap(\.problems).map(\.description) == [])
  }

  @Test func unknownReportNameIsAnError() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates(["ok": "---\ntitle: T\n---\nx\n"])
    #expect(throws: ReportError.self) {
      try ReportChecker(store: fixture.store, templatesDirectory: dir).check(names: ["nope"])
    }
  }
}
