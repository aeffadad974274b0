import Foundation
import Pipeline
import Rules
import Store

/// Lists IOs for `cuesheet io list` and `GET /api/v1/io`, with delivery and pacing when the flag
/// `ENABLE_PACING_ALERTS` is on for the context (#14).
///
/// The flag is evaluated once per listing, for the ``FlagRunContext`` (the same context rule as
/// every other flag). When it is on, each IO carries its ``Delivery`` as of `asOf` (delivered vs
/// expected to date) and ``Row/pacingAlert``: live and pacing under ``alertBelow`` (90%). When it
/// is off, or the rule files do not define it, or no rule files were found, rows carry neither.
///
/// ```swift
/// let listing = try await ListIOs(store: store).run(.init(rules: book, asOf: Day(parsing: "2026-11-20")!))
/// listing.pacing.isOn   // ENABLE_PACING_ALERTS for the run's context
/// listing.rows[0].pacingAlert
/// ```
public struct ListIOs: Sendable {
  /// Live IOs pacing under this (delivered ÷ expected to date) are alerted.
  public static let alertBelow = 0.9

  public struct Request: Sendable {
    public var filter: IOService.Filter
    /// The rule files in force; `nil` when none were found (pacing off).
    public var rules: RuleBook?
    /// Why there are no rules, for ``PacingDecision/reason``.
    public var noRulesReason: String
    public var context: FlagRunContext
    public var overrides: FlagOverrides
    /// The day delivery is computed as of (included).
    public var asOf: Day

    public init(
      filter: IOService.Filter = .init(), rules: RuleBook?,
      noRulesReason: String = "no rule files loaded", context: FlagRunContext = .defaults(),
      overrides: FlagOverrides = .none, asOf: Day = Day(Date())
    ) {
      self.filter = filter
      self.rules = rules
      self.noRulesReason = noRulesReason
      self.context = context
      self.overrides = overrides
      self.asOf = asOf
    }
  }

  /// Whether pacing is shown, and the flag evaluation that decided it, as one sentence.
  public struct PacingDecision: Sendable, Equatable {
    public var isOn: Bool
    /// `ENABLE_PACING_ALERTS is on (reason DEFAULT)`, or why the flag was not evaluated.
    public var reason: String
  }

  /// One IO, and (pacing on) its delivery and alert.
  public struct Row: Sendable {
    public let io: IOBooking
    public let delivery: Delivery?
    /// Live and pacing under ``ListIOs/alertBelow``; `nil` when pacing is off.
    public let pacingAlert: Bool?
  }

  public struct Listing: Sendable {
    public let rows: [Row]
    public let pacing: PacingDecision
  }

  public let store: CuesheetStore
  let environment: [String: String]

  public init(
    store: CuesheetStore, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.store = store
    self.environment = environment
  }

  /// Evaluates the flag, then reads the IOs (and, when on, their delivery) in one read.
  public func run(_ request: Request) async throws -> Listing {
    let pacing = try decide(request)
    let (filter, asOf, on) = (request.filter, request.asOf, pacing.isOn)
    let rows = try await Pipeline.readAsync(store) { db in
      try IOService.list(db, filter).map { io -> Row in
        guard on else { return Row(io: io, delivery: nil, pacingAlert: nil) }
        let delivery = try DeliveryCalculator.delivery(db, io: io, asOf: asOf)
        return Row(io: io, delivery: delivery, pacingAlert: Self.alert(io, delivery))
      }
    }
    return Listing(rows: rows, pacing: pacing)
  }

  /// Live and pacing under 90%.
  public static func alert(_ io: IOBooking, _ delivery: Delivery) -> Bool {
    guard io.status == .live, let pacing = delivery.pacing else { return false }
    return pacing < alertBelow
  }

  func decide(_ request: Request) throws -> PacingDecision {
    let flag = ShippedFlag.pacingAlerts.name
    guard let rules = request.rules else {
      return PacingDecision(isOn: false, reason: "\(request.noRulesReason); pacing not shown")
    }
    guard rules.flags.flag(named: flag) != nil else {
      return PacingDecision(isOn: false, reason: "\(flag) is not defined; pacing not shown")
    }
    let context = try request.context.bind(in: rules, environment: environment)
    let result = rules.flags.evaluate(flag, in: context, overrides: request.overrides)
    return PacingDecision(isOn: result.isOn, reason: IODocumentFlags.describe(result))
  }
}
