import CCmark
import Foundation

/// CommonMark to HTML through libcmark: the one place the C library is used.
///
/// Raw HTML in the input is not passed through (cmark's safe default replaces it with a comment),
/// and `javascript:` links are dropped, so prose cannot inject markup.
///
/// ```swift
/// Markdown.html(from: "**Hello** <script>") // "<p><strong>Hello</strong> <!-- raw HTML omitted --></p>\n"
/// ```
public enum Markdown {
  /// Renders CommonMark `markdown` as an HTML fragment.
  public static func html(from markdown: String) -> String {
    let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
    let length = markdown.utf8.count
    guard let pointer = markdown.withCString({ cmark_markdown_to_html($0, length, options) }) else {
      return ""
    }
    defer { free(pointer) }
    return String(cString: pointer)
  }
}
