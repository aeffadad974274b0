import Foundation

/// The one JSON vocabulary: snake_case keys, sorted, for `--json` output and the HTTP API alike.
///
/// Swift property names (`pairsEvaluated`, `advertiserID`) become `pairs_evaluated`,
/// `advertiser_id`; keys that are data (the keys of an event payload or of a map value) are left
/// as they are. docs/openapi.yaml describes every shape.
public enum JSONKeys {
  /// The encoder both front ends use.
  public static func encoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
