import HTTPTypes
import Hummingbird

extension HTTPField.Name {
  /// `X-Frame-Options` (not among HTTPTypes' names).
  static var xFrameOptions: Self { .init("X-Frame-Options")! }
  /// `Referrer-Policy`.
  static var referrerPolicy: Self { .init("Referrer-Policy")! }
  /// `Sec-Fetch-Site`: which site a browser request comes from.
  static var secFetchSite: Self { .init("Sec-Fetch-Site")! }
}
