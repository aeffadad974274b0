import Foundation
import Rules
import Store

/// The two flags an IO-document export obeys, evaluated once for one context, for the CLI's
/// `io export` and the server's `GET /api/v1/io/{id}/document` alike (#14).
///
/// - `ENABLE_IO_PDF` (boolean): off refuses a PDF, with the flag's reason.
/// - `IO_TEMPLATE` (variants `classic`, `modern`): the template for the context's account.
///
/// The context is ``FlagRunContext``, as for every command: a whole JSON context, else
/// `{"env": $CUESHEET_ENV or "development", "account": {"id": $CUESHEET_ACCOUNT or "network"}}`. A flag the rule files do not define is treated as its
/// documented default (PDF on, `classic`), and the reason says so.
public struct IODocumentFlags: Sendable, Equatable {
  public static let pdfFlag = ShippedFlag.ioPDF.name
  public static let templateFlag = ShippedFlag.ioTemplate.name

  /// Whether PDF export is allowed.
  public var pdfAllowed: Bool
  /// One sentence: the `ENABLE_IO_PDF` evaluation (`ENABLE_IO_PDF is off (reason OVERRIDE)`).
  public var pdfReason: String
  /// The template variant's name (`classic` or `modern`).
  public var template: String
  /// One sentence: the `IO_TEMPLATE` evaluation.
  public var templateReason: String

  public init(pdfAllowed: Bool, pdfReason: String, template: String, templateReason: String) {
    self.pdfAllowed = pdfAllowed
    self.pdfReason = pdfReason
    self.template = template
    self.templateReason = templateReason
  }

  /// The flags' documented defaults, when no rule files are loaded (`why` says so).
  public static func defaults(_ why: String) -> IODocumentFlags {
    IODocumentFlags(
      pdfAllowed: true, pdfReason: "\(why); PDF export allowed", template: "classic",
      templateReason: "\(why); classic template")
  }

  /// Evaluates both flags of `rules` for `context`.
  public static func evaluate(
    _ rules: RuleBook, context: FlagRunContext, overrides: FlagOverrides = .none,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> IODocumentFlags {
    let bound = try context.bind(in: rules, environment: environment)
    return evaluate(rules.flags, context: bound, overrides: overrides)
  }

  /// Evaluates both flags in `flags` for a bound `context`.
  public static func evaluate(
    _ flags: FlagSet, context: FlagContext, overrides: FlagOverrides = .none
  ) -> IODocumentFlags {
    var decision = IODocumentFlags(
      pdfAllowed: true, pdfReason: "\(pdfFlag) is not defined; PDF export allowed",
      template: "classic", templateReason: "\(templateFlag) is not defined; classic template")
    if flags.flag(named: pdfFlag) != nil {
      let result = flags.evaluate(pdfFlag, in: context, overrides: overrides)
      decision.pdfAllowed = result.isOn
      decision.pdfReason = describe(result)
    }
    if flags.flag(named: templateFlag) != nil {
      let result = flags.evaluate(templateFlag, in: context, overrides: overrides)
      decision.template = result.variant
      decision.templateReason = describe(result)
    }
    return decision
  }

  /// `ENABLE_IO_PDF is off (reason OVERRIDE)`, with the rule's line or the error when there is one.
  static func describe(_ result: FlagResult) -> String {
    var text = "\(result.flag) is \(result.variant) (reason \(result.reason.rawValue)"
    if let line = result.ruleLine { text += ", rule on line \(line)" }
    if let message = result.message { text += ": \(message)" }
    return text + ")"
  }
}
