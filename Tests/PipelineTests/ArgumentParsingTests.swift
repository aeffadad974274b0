import Pipeline
import Store
import Testing

/// The argument-level checks of `io create`: flight, price and vanity URL.
@Suite struct ArgumentParsingTests {
  @Test(
    "flights",
    arguments: [
      ("2026-12-01..2026-12-31", "2026-12-01..2026-12-31", 31),
      ("2026-12-01..2026-12-01", "2026-12-01..2026-12-01", 1),
      ("2028-02-28..2028-03-01", "2028-02-28..2028-03-01", 3),
    ])
  func validFlight(text: String, description: String, days: Int) throws {
    let flight = try Flight(parsing: text)
    #expect(flight.description == description)
    #expect(flight.dayCount == days)
  }

  @Test(
    "malformed or reversed flights are usage errors",
    arguments: [
      "2026-12-01", "2026-12-01..", "..2026-12-31", "2026-12-01-2026-12-31",
      "2026-12-01..2026-13-01", "2026-02-30..2026-03-01", "2026-12-31..2026-12-01",
      "2026-12-01..2026-12-05..2026-12-09",
    ])
  func invalidFlight(text: String) {
    #expect {
      try Flight(parsing: text)
    } throws: { error in
      (error as? PipelineError)?.isUsage == true
    }
  }

  @Test("overlap includes touching days")
  func overlap() throws {
    let december = try Flight(parsing: "2026-12-01..2026-12-31")
    #expect(december.overlaps(try Flight(parsing: "2026-12-31..2027-01-05")))
    #expect(!december.overlaps(try Flight(parsing: "2027-01-01..2027-01-05")))
    #expect(december.overlaps(try Flight(parsing: "2026-12-10..2026-12-11")))
  }

  @Test(
    "prices",
    arguments: [
      ("25.00", nil, 100_000, nil, IORate.cpm(Money(cents: 2500), impressions: 100_000)),
      ("0.5", nil, 1, nil, .cpm(Money(cents: 50), impressions: 1)),
      (nil, "1500", nil, 4, .flat(Money(cents: 150_000), spots: 4)),
      (nil, "1500.99", nil, 1, .flat(Money(cents: 150_099), spots: 1)),
    ] as [(String?, String?, Int64?, Int64?, IORate)])
  func validRate(cpm: String?, flat: String?, impressions: Int64?, spots: Int64?, rate: IORate)
    throws
  {
    #expect(try IORate.parse(cpm: cpm, impressions: impressions, flat: flat, spots: spots) == rate)
  }

  @Test(
    "malformed or mixed prices are usage errors",
    arguments: [
      ("25.001", nil, 100, nil), ("$25", nil, 100, nil), ("-1.00", nil, 100, nil),
      ("2.5e1", nil, 100, nil), ("25", nil, nil, nil), ("25", nil, 0, nil), ("25", nil, 100, 4),
      (nil, "1,500.00", nil, 4), (nil, "1500", nil, nil), (nil, "1500", 100, 4),
      (nil, "1500", nil, 0), ("25", "1500", 100, 4), (nil, nil, nil, nil),
    ] as [(String?, String?, Int64?, Int64?)])
  func invalidRate(cpm: String?, flat: String?, impressions: Int64?, spots: Int64?) {
    #expect {
      try IORate.parse(cpm: cpm, impressions: impressions, flat: flat, spots: spots)
    } throws: { error in
      (error as? PipelineError)?.isUsage == true
    }
  }

  @Test(
    "well-formed vanity URLs",
    arguments: [
      "https://acme.com/pod", "http://acme.com", "HTTPS://Acme.com/Pod?ref=show", "acme.com/pod",
      "go.acme.co.uk", "acme.com:8080/x", " acme.com/pod ",
    ])
  func validVanityURL(text: String) throws {
    #expect(try VanityURL.validate(text) == text.trimmingCharacters(in: .whitespaces))
  }

  @Test(
    "malformed vanity URLs are usage errors",
    arguments: [
      "", "acme", "ftp://acme.com", "https://", "https://acme", "acme .com/pod",
      "https://user:pw@acme.com", "-acme.com", "acme.c0m", "https://acme..com", "mailto:x@acme.com",
    ])
  func invalidVanityURL(text: String) {
    #expect {
      try VanityURL.validate(text)
    } throws: { error in
      (error as? PipelineError)?.isUsage == true
    }
  }

  @Test("ad formats parse from the command-line spelling")
  func adFormats() {
    #expect(AdFormat(argument: "host-read") == .hostRead)
    #expect(AdFormat(argument: "produced") == .produced)
    #expect(AdFormat(argument: "radio") == nil)
    #expect(AdFormat.hostRead.rawValue == "host_read")
  }
}
