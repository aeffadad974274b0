import Store

/// A problem worth knowing before an IO document goes out for signature. Printed as a warning;
/// with `--strict` an export that has any is refused (exit 65).
public struct IODocumentWarning: Sendable, Equatable, Codable, CustomStringConvertible {
  /// A stable id: `creative-due-past`, `flight-before-sign-by`, `cancellation-window-open`.
  public var id: String
  /// The IO concerned, when the warning is about one line.
  public var ioID: String?
  /// One sentence with the dates.
  public var message: String

  public init(id: String, ioID: String?, message: String) {
    self.id = id
    self.ioID = ioID
    self.message = message
  }

  public var description: String { "warning[\(id)]: \(message)" }

  enum CodingKeys: String, CodingKey {
    case id, message
    case ioID = "io_id"
  }

  /// The checks before issue, as of `today`:
  /// - `creative-due-past`: the creative due date is before today;
  /// - `flight-before-sign-by`: a line's flight starts before the sign-by date;
  /// - `cancellation-window-open`: a line is within the terms' cancellation notice period
  ///   (`cancellation_notice_days` before its flight start is today or earlier).
  public static func check(_ document: IODocument, today: Day) -> [IODocumentWarning] {
    var warnings: [IODocumentWarning] = []
    let todayText = today.description
    if let due = Day(parsing: document.creativeDue), due < today {
      warnings.append(
        IODocumentWarning(
          id: "creative-due-past", ioID: nil,
          message:
            "the creative was due \(ValueFormat.date(document.creativeDue)), before today "
            + "(\(ValueFormat.date(todayText))); agree a new creative date or move the flight."))
    }
    for line in document.lines {
      guard let start = Day(parsing: line.flightStart) else { continue }
      if let signBy = document.signBy, let deadline = Day(parsing: signBy), start < deadline {
        warnings.append(
          IODocumentWarning(
            id: "flight-before-sign-by", ioID: line.ioID,
            message:
              "\(line.ioID) starts \(ValueFormat.date(line.flightStart)), before the sign-by date "
              + "\(ValueFormat.date(signBy)); it could air unsigned."))
      }
      if let days = document.terms.cancellationNoticeDays {
        let opens = start.adding(days: -days)
        if opens <= today {
          warnings.append(
            IODocumentWarning(
              id: "cancellation-window-open", ioID: line.ioID,
              message:
                "\(line.ioID) is inside its \(days)-day cancellation notice period since "
                + "\(ValueFormat.date(opens.description)) (flight starts "
                + "\(ValueFormat.date(line.flightStart))); cancelling it now is charged."))
        }
      }
    }
    return warnings
  }
}
