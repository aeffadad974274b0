import Store

/// Reading `--json` output in tests.
extension JSONValue {
  /// The value of `key` in an object (`nil` for a missing key or a non-object).
  func field(_ key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  /// The elements of an array (`nil` for a non-array).
  var elements: [JSONValue]? { if case .array(let values) = self { values } else { nil } }
  var intValue: Int64? { if case .int(let value) = self { value } else { nil } }
  var stringValue: String? { if case .string(let value) = self { value } else { nil } }
}
