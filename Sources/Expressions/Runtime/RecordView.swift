/// Where the fields of the record bound to an activation slot are stored, so a compiled field
/// read borrows the record for one evaluation instead of copying it out of the slot (which
/// retains and releases it on every read).
///
/// The activation holds the record (in its `values`) for as long as it holds the view, and a
/// record's fields never change, so the pointer stays valid while the activation is borrowed by
/// an evaluation.
struct RecordView: @unchecked Sendable {
  /// The record's type, or nil when the slot holds no record.
  let type: ObjectIdentifier?
  /// The record's first field.
  let fields: UnsafePointer<Value>?

  init(_ value: Value?) {
    if case .record(let record)? = value {
      type = ObjectIdentifier(record.type)
      fields = record.fieldStorage
    } else {
      type = nil
      fields = nil
    }
  }
}

/// A field of a declared record variable, compiled to a slot and a field position.
struct FieldRef: Sendable {
  /// The variable's slot index.
  let variable: Int
  /// The record type the field position belongs to.
  let type: ObjectIdentifier
  /// The field's position in the record.
  let field: Int

  /// The field in place, or nil when the slot holds no record of the expected type (the caller
  /// then takes its general path, which reports the error).
  @inline(__always)
  func pointer(_ frame: borrowing Frame) -> UnsafePointer<Value>? {
    guard variable < frame.records.count else { return nil }
    let view = frame.records[variable]
    guard view.type == type, let fields = view.fields else { return nil }
    return fields + field
  }
}
