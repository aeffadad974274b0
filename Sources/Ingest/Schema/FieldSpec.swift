import GRDB

/// One column of a CSV kind: its header name, the table column it fills, and its type.
struct FieldSpec: Sendable {
  /// The header name (matched case-insensitively).
  let name: String
  /// The table column it is stored in.
  let column: String
  /// How the text is converted and checked.
  let type: FieldType
  /// Whether the header must have this column.
  let required: Bool
  /// Whether an empty value is stored as NULL (otherwise an empty value is an error, except for
  /// `.text` and `.list`, where it means empty text or an empty list).
  let nullable: Bool

  init(
    _ name: String, _ type: FieldType, column: String? = nil, required: Bool = true,
    nullable: Bool = false
  ) {
    self.name = name
    self.column = column ?? name
    self.type = type
    self.required = required
    self.nullable = nullable
  }

  /// The stored value for `text`, or the reason it is invalid.
  func convert(_ text: String) -> Result<DatabaseValue, FieldProblem> {
    if text.isEmpty {
      switch type {
      case .text, .list: break
      default:
        return nullable
          ? .success(.null) : .failure(FieldProblem(expected: "a value (it is required)"))
      }
    }
    if let value = type.convert(text) { return .success(value) }
    return .failure(FieldProblem(expected: type.expected))
  }
}

/// Why one field's text was refused: what was expected instead.
struct FieldProblem: Error, Sendable {
  let expected: String
}
