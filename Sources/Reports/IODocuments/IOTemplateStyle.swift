/// The two IO document templates, picked per account by the `IO_TEMPLATE` flag.
///
/// Both render the same ``IODocument`` (the same page parameters and the same canonical content);
/// they differ in order and emphasis only.
public enum IOTemplateStyle: String, Sendable, CaseIterable, Codable {
  /// `reports/io.md`: parties, line items, totals, terms, signatures.
  case classic
  /// `reports/io-modern.md`: a cover summary with totals and key dates first, then line items,
  /// terms and signatures.
  case modern

  /// The template's file name in the reports directory.
  public var fileName: String {
    switch self {
    case .classic: return "io.md"
    case .modern: return "io-modern.md"
    }
  }
}
