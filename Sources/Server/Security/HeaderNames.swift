import HTTPTypes
import Hummingbird

extension HTTPField.Name {
  /// `X-Frame-Options` (not among HTTPTypes' names).
  static let xFrameOptions = Self("X-Frame-Options")!
  /// `Referrer-Policy`.
  static let referrerPolicy = Self("Referrer-Policy")!
  /// `Sec-Fetch-Site`: which site a browser request comes from.
  static let secFetchSite = Self("Sec-Fetch-Site")!
}
