/// The status of an insertion order, as stored in `io_bookings.status`.
///
/// `draft → scheduled → live → completed`, and `cancelled` from any status before `completed`.
public enum IOStatus: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  case draft
  case scheduled
  case live
  case completed
  case cancelled

  /// True while the IO still books inventory (not `cancelled`, not `completed`).
  public var isActive: Bool { self != .cancelled && self != .completed }

  /// True for `completed` and `cancelled`, which no action leaves.
  public var isFinal: Bool { !isActive }

  public var description: String { rawValue }
}

/// What an account manager does to an IO; each action is one command and one event.
public enum IOAction: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  /// `draft → scheduled` (`cuesheet io schedule`).
  case schedule
  /// `scheduled → live` (`cuesheet io start`).
  case start
  /// `live → completed` (`cuesheet io deliver`).
  case deliver
  /// `draft | scheduled | live → cancelled` (`cuesheet io cancel`).
  case cancel

  public var description: String { rawValue }
}

/// The IO workflow as a pure state machine.
///
/// ```swift
/// IOWorkflow.target(of: .start, from: .scheduled)   // .live
/// IOWorkflow.target(of: .start, from: .draft)       // nil: refused
/// IOWorkflow.allowedActions(from: .live)            // [.deliver, .cancel]
/// ```
public enum IOWorkflow {
  /// The status `action` leads to from `status`, or `nil` when the action is not allowed there.
  public static func target(of action: IOAction, from status: IOStatus) -> IOStatus? {
    switch (action, status) {
    case (.schedule, .draft): .scheduled
    case (.start, .scheduled): .live
    case (.deliver, .live): .completed
    case (.cancel, .draft), (.cancel, .scheduled), (.cancel, .live): .cancelled
    default: nil
    }
  }

  /// The actions allowed from `status`, in workflow order.
  public static func allowedActions(from status: IOStatus) -> [IOAction] {
    IOAction.allCases.filter { target(of: $0, from: status) != nil }
  }

  /// The target status of `action` on `io`, or the refusal naming the allowed actions.
  public static func apply(_ action: IOAction, io: String, from status: IOStatus)
    throws(PipelineError) -> IOStatus
  {
    guard let next = target(of: action, from: status) else {
      throw .actionRefused(
        io: io, action: action, status: status, allowed: allowedActions(from: status))
    }
    return next
  }
}
