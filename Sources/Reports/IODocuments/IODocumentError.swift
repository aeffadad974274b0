import Foundation

/// Why an IO document cannot be produced; each description is one sentence naming the id and the fix.
public enum IODocumentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No IO with this id.
  case unknownIO(String)
  /// No campaign with this id.
  case unknownCampaign(String)
  /// The campaign has no IO that can go on a document (all cancelled, or only drafts without `allowDraft`).
  case noLines(campaign: String, reason: String)
  /// A draft IO was exported without `allowDraft`.
  case draft(io: String)
  /// A cancelled IO cannot be sent for signature.
  case cancelled(io: String)
  /// A field that only a draft may leave empty is empty on a non-draft IO.
  case missingField(io: String, status: String, field: String)
  /// The terms file is missing or malformed.
  case terms(path: String, message: String)
  /// A money computation does not fit in 64-bit cents.
  case overflow(String)
  /// PDF export is switched off by the `ENABLE_IO_PDF` flag (`reason`: the flag's evaluation).
  case pdfDisabled(reason: String)
  /// `--strict` and the checks before issue found problems (``IODocumentWarning``).
  case warnings([IODocumentWarning])
  /// The `IO_TEMPLATE` flag served a variant that names no IO template.
  case unknownTemplate(String)
  /// A file given to `io documents verify` carries no canonical content.
  case noCanonicalContent(path: String)
  /// A file given to `io documents verify` cannot be read (or, for a PDF, its attachment extracted).
  case unreadable(path: String, message: String)
  /// Concurrent exports of the same document kept taking the revision this export had planned.
  case changedWhileExporting(scope: String, attempts: Int)

  public var description: String {
    switch self {
    case .unknownIO(let id):
      return "no IO with id \"\(id)\"; list the IOs with `cuesheet io list`."
    case .unknownCampaign(let id):
      return "no campaign with id \"\(id)\"; list the campaigns with `cuesheet deals list`."
    case .noLines(let campaign, let reason):
      return "campaign \"\(campaign)\" has no IO to put on a document (\(reason))."
    case .draft(let io):
      return
        "IO \"\(io)\" is a draft; schedule it first, or pass --allow-draft to export it marked DRAFT."
    case .cancelled(let io):
      return "IO \"\(io)\" is cancelled and cannot be exported for signature."
    case .missingField(let io, let status, let field):
      return
        "IO \"\(io)\" is \(status) but has no \(field); only drafts may leave it empty, so set it "
        + "(re-import the IO with it) before exporting."
    case .terms(let path, let message):
      return "\(path): \(message)"
    case .overflow(let what):
      return "the amount \(what) does not fit in 64-bit cents; check the IO's rate and goal."
    case .pdfDisabled(let reason):
      return
        "PDF export is switched off by the flag ENABLE_IO_PDF (\(reason)); export Markdown or "
        + "HTML instead, or turn the flag on (see docs/flags.md)."
    case .warnings(let warnings):
      return
        "not issued: \(warnings.count) check(s) before issue failed and strict checks are on: "
        + warnings.map(\.message).joined(separator: " ")
    case .unknownTemplate(let name):
      return "IO_TEMPLATE served \"\(name)\"; the IO templates are classic and modern."
    case .noCanonicalContent(let path):
      return
        "\(path): no canonical IO content found; only documents exported by `cuesheet io export` "
        + "(md, html or pdf) can be verified."
    case .unreadable(let path, let message):
      return "\(path): \(message)"
    case .changedWhileExporting(let scope, let attempts):
      return
        "the document of \(scope) was issued by other exports \(attempts) times while this one "
        + "was printed; try again."
    }
  }
}
