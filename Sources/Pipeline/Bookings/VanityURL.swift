import Foundation
import Store

/// Checks the vanity URL an ad reads out (`brand.com/podcast`, `https://brand.com/show`).
///
/// Well formed means: an `http` or `https` URL, or the same without the scheme (`host/path`); the
/// host is a domain name of at least two labels (letters, digits, hyphens; the last label letters
/// only); no spaces, no user or password; an optional port, path and query.
public enum VanityURL {
  /// The URL, trimmed, when it is well formed; otherwise a usage error that says why.
  public static func validate(_ text: String) throws(PipelineError) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    func refuse(_ why: String) -> PipelineError {
      .invalidArgument(
        "--vanity-url '\(BoundedText.clip(text))' is not a well-formed URL (\(why)); use https://brand.com/path or brand.com/path."
      )
    }
    guard !trimmed.isEmpty else { throw refuse("it is empty") }
    guard trimmed.utf8.count <= 2048 else { throw refuse("it is longer than 2048 characters") }
    guard !trimmed.contains(where: { $0.isWhitespace }) else { throw refuse("it contains spaces") }
    let lower = trimmed.lowercased()
    let hasScheme = lower.hasPrefix("http://") || lower.hasPrefix("https://")
    if !hasScheme, trimmed.contains("://") { throw refuse("only http and https are allowed") }
    guard let components = URLComponents(string: hasScheme ? trimmed : "https://" + trimmed) else {
      throw refuse("it cannot be parsed")
    }
    guard components.user == nil, components.password == nil else {
      throw refuse("it must not carry a user or password")
    }
    guard let host = components.host, isDomainName(host) else {
      throw refuse("the host is not a domain name like brand.com")
    }
    return trimmed
  }

  /// `brand.com`, `go.brand.co.uk`: two or more labels of letters, digits and inner hyphens.
  static func isDomainName(_ host: String) -> Bool {
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, host.count <= 253 else { return false }
    for label in labels {
      guard (1...63).contains(label.count), label.first != "-", label.last != "-",
        label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
      else { return false }
    }
    let tld = labels.last!
    return tld.count >= 2 && tld.allSatisfy { $0.isASCII && $0.isLetter }
  }
}
