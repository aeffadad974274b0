import Reports
import Testing

@Suite struct ValueFormatTests {
  @Test(arguments: [
    (ValueFormat.number, TemplateValue.int(1_234_567), "1,234,567"),
    (.number, .int(-1000), "-1,000"),
    (.number, .double(0.5), "0.5"),
    (.number, .double(1234.567), "1,234.57"),
    (.currency, .int(123_456), "$1,234.56"),
    (.currency, .int(5), "$0.05"),
    (.currency, .int(-2500), "-$25.00"),
    (.percent, .double(0.875), "87.5%"),
    (.percent, .int(1), "100.0%"),
    (.date, .string("2026-11-05"), "5 Nov 2026"),
    (.date, .string("2026-11-05T09:30:00Z"), "5 Nov 2026 09:30 UTC"),
    (.date, .string("not a date"), "not a date"),
    (.text, .string("<b>"), "<b>"),
    (.number, .null, "–"),
  ])
  func formats(format: ValueFormat, value: TemplateValue, expected: String) {
    #expect(format.format(value) == expected)
  }
}
