import Foundation

/// A compiled `{{ expr }}`, `{% for x in expr %}` or `{% if expr %}` expression.
///
/// This is the seam between templates and the expression language: templates only compile and
/// evaluate through ``TemplateExpressions``, so the engine behind it can change without touching
/// the parser, evaluator or renderers.
protocol TemplateExpression: Sendable {
  /// Evaluates against the variables in scope; throws ``ExpressionFailure`` with a one-line reason.
  func evaluate(_ scope: TemplateRecord) throws -> TemplateValue
}

/// Why an expression could not be compiled or evaluated; the caller adds file, line and column.
struct ExpressionFailure: Error, Sendable {
  var message: String
  /// Offset in the expression text where the problem is, when known (0-based, in characters).
  var offset: Int = 0
}

/// The expression engine used by templates.
///
/// While the project's CEL module (`Expressions`) is not usable yet, this is a documented fallback
/// that accepts a strict subset of CEL syntax (see `docs/reports.md`): field paths (`row.downloads`,
/// `rows[0].name`), literals, and calls of the formatting functions `number`, `currency`, `percent`,
/// `date` and of `size`. Every fallback expression means the same thing in CEL.
enum TemplateExpressions {
  /// Compiles `source`; throws ``ExpressionFailure`` with the offset of the problem.
  static func compile(_ source: String) throws -> any TemplateExpression {
    var parser = FallbackExpressionParser(source)
    return try parser.parseAll()
  }
}
