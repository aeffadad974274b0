import Foundation
import Reports
import Store
import Testing

@Suite("IO documents: exact money")
struct IODocumentMoneyTests {
  struct LineCase: Sendable, CustomStringConvertible {
    var rateType: String
    var rateCents: Int64
    var goal: Int64?
    var totalCents: Int64
    var description: String {
      "\(rateType) \(rateCents)¢ × \(goal.map(String.init) ?? "–") = \(totalCents)¢"
    }
  }

  @Test(
    "line totals: CPM = rate × goal ÷ 1000 rounded half up to the cent; flat = rate",
    arguments: [
      LineCase(rateType: "cpm", rateCents: 2500, goal: 300_000, totalCents: 750_000),
      // 4,999.5¢ → $50.00 and 4,996.167¢ → $49.96
      LineCase(rateType: "cpm", rateCents: 3333, goal: 1500, totalCents: 5000),
      LineCase(rateType: "cpm", rateCents: 3333, goal: 1499, totalCents: 4996),
      LineCase(rateType: "cpm", rateCents: 2750, goal: 59_100, totalCents: 162_525),
      LineCase(rateType: "cpm", rateCents: 1, goal: 499, totalCents: 0),  // 0.499¢ → $0.00
      LineCase(rateType: "cpm", rateCents: 1, goal: 500, totalCents: 1),  // 0.5¢ → $0.01
      LineCase(rateType: "flat", rateCents: 3333, goal: nil, totalCents: 3333),
      LineCase(rateType: "flat", rateCents: 150_000, goal: 1_000_000, totalCents: 150_000),
    ])
  func lineTotal(_ testCase: LineCase) throws {
    let total = try IOMoney.lineTotal(
      rateType: testCase.rateType, rate: Money(cents: testCase.rateCents),
      impressionsGoal: testCase.goal)
    #expect(total == Money(cents: testCase.totalCents))
  }

  @Test(
    "3 × $33.33 with 15% commission: gross $99.99, commission $15.00 (1,499.85¢ rounded), net $84.99"
  )
  func threeLines() throws {
    let fixture = try IODocumentFixture()
    let document = try fixture.document(.campaign("camp-cents"))
    #expect(document.lines.map(\.total) == Array(repeating: Money(cents: 3333), count: 3))
    #expect(document.gross == Money(cents: 9999))
    #expect(document.commission == Money(cents: 1500))
    #expect(document.net == Money(cents: 8499))
    #expect(document.commission + document.net == document.gross)
    let parameters = document.parameters
    #expect(parameters["gross"] == .string("$99.99"))
    #expect(parameters["commission"] == .string("$15.00"))
    #expect(parameters["net"] == .string("$84.99"))
  }

  struct CommissionCase: Sendable, CustomStringConvertible {
    var grossCents: Int64
    var bps: Int64
    var commissionCents: Int64
    var description: String { "\(grossCents)¢ at \(bps) bps = \(commissionCents)¢" }
  }

  @Test(
    "commission = gross × bps ÷ 10,000 rounded half up; net = gross − commission",
    arguments: [
      CommissionCase(grossCents: 9999, bps: 1500, commissionCents: 1500),
      CommissionCase(grossCents: 162_525, bps: 1500, commissionCents: 24_379),  // 24,378.75¢
      CommissionCase(grossCents: 100, bps: 1250, commissionCents: 13),  // 12.5¢ → 13¢
      CommissionCase(grossCents: 99, bps: 1250, commissionCents: 12),  // 12.375¢
      CommissionCase(grossCents: 123_456_789, bps: 0, commissionCents: 0),
      CommissionCase(grossCents: 123_456_789, bps: 10_000, commissionCents: 123_456_789),
    ])
  func commission(_ testCase: CommissionCase) throws {
    let commission = try IOMoney.commission(
      on: Money(cents: testCase.grossCents), bps: testCase.bps)
    #expect(commission == Money(cents: testCase.commissionCents))
  }

  @Test("an amount that does not fit in 64-bit cents is an error, not a wrong number")
  func overflow() {
    #expect(throws: IODocumentError.self) {
      try IOMoney.lineTotal(
        rateType: "cpm", rate: Money(cents: Int64.max / 2), impressionsGoal: 1000)
    }
    #expect(throws: IODocumentError.self) {
      try IOMoney.gross([Money(cents: Int64.max), Money(cents: 1)])
    }
  }

  @Test(
    "percentages from basis points are exact",
    arguments: [(1500, "15%"), (1250, "12.5%"), (1234, "12.34%"), (5, "0.05%"), (0, "0%")])
  func percent(_ bps: Int64, _ text: String) {
    #expect(IOMoney.percent(bps: bps) == text)
  }
}
