import Foundation

extension ReportChecker {
  /// The problems of a template that can be found without a database: parse errors (front
  /// matter, SQL blocks, tags), the schedule and time zone, and the `{{ }}` expressions and
  /// component tags checked with every name allowed (query columns are only known to a database).
  ///
  /// `reports check` finds these and more (SQL preparation, unknown columns); the language server
  /// uses this so an editor shows template mistakes without a database.
  public static func checkWithoutDatabase(_ text: String, file: String) -> [ReportProblem] {
    let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    let template: Template
    do {
      template = try TemplateParser().parse(text, name: name, file: file)
    } catch let error as ReportError {
      return [problem(error, file: file)]
    } catch {
      return [
        ReportProblem(
          file: file, location: TemplateLocation(line: 1, column: 1), message: "\(error)")
      ]
    }
    var problems: [ReportProblem] = []
    let frontMatter = template.frontMatter
    if let schedule = frontMatter.schedule {
      do {
        _ = try CronSchedule(schedule, timeZone: frontMatter.timeZone)
      } catch let error as CronError {
        problems.append(
          ReportProblem(
            file: file, location: location(of: error, in: frontMatter),
            message: "bad schedule: \(error.description)"))
      } catch {
        problems.append(
          ReportProblem(
            file: file,
            location: frontMatter.scheduleLocation ?? TemplateLocation(line: 2, column: 1),
            message: "\(error)"))
      }
    } else if let zone = frontMatter.timeZone, TimeZone(identifier: zone) == nil {
      problems.append(
        ReportProblem(
          file: file,
          location: frontMatter.timeZoneLocation ?? TemplateLocation(line: 2, column: 1),
          message: "unknown time zone \"\(zone)\"; use an IANA name such as Europe/Berlin or UTC"))
    }
    var expressions = TemplateExpressionChecker(file: template.file)
    let scope = TemplateScope(open: true)
    expressions.check(template.titleTemplate, scope: scope)
    if let output = template.outputTemplate { expressions.check(output, scope: scope) }
    expressions.check(template.body, scope: scope)
    return problems + expressions.problems
  }
}
