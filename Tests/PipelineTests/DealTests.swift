import Pipeline
import Store
import Testing

@Suite struct DealTests {
  @Test(
    "weighted value is exact, rounded half up to the cent",
    arguments: [
      (1_000_000 as Int64, 25, 250_000 as Int64),  // $10,000.00 × 25% = $2,500.00
      (1_001, 25, 250),  // 250.25 cents → 250
      (1_002, 25, 251),  // 250.50 cents → 251 (half up)
      (1_003, 75, 752),  // 752.25 → 752
      (999_999_999_999, 50, 500_000_000_000),  // 499,999,999,999.5 → 500,000,000,000
      (12_345, 0, 0),
      (12_345, 100, 12_345),
    ])
  func weighted(budget: Int64, percent: Int, expected: Int64) {
    #expect(Deal.weighted(Money(cents: budget), percent: percent) == Money(cents: expected))
  }
}
