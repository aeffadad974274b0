import Avails
import Foundation
import Pipeline
import Testing

@Suite("placement shares: default and settings file")
struct PlacementSharesTests {
  @Test("the default split is pre 0.4, mid 0.4, post 0.2")
  func standard() {
    let shares = PlacementShares.standard
    #expect(shares.share(.pre, show: "x") == 0.4)
    #expect(shares.share(.mid, show: "x") == 0.4)
    #expect(shares.share(.post, show: "x") == 0.2)
  }

  @Test("a file overrides the network default and single shows")
  func overrides() throws {
    let json = #"{"default": {"post": 0.1}, "shows": {"night-shift": {"pre": 0.6, "mid": 0.3}}}"#
    let shares = try PlacementShares.parse(Data(json.utf8), path: "avails.json")
    #expect(shares.share(.post, show: "other") == 0.1)
    #expect(shares.share(.pre, show: "other") == 0.4)
    #expect(shares.share(.pre, show: "night-shift") == 0.6)
    #expect(shares.share(.post, show: "night-shift") == 0.1)
  }

  @Test(
    "bad settings name the key and the fix",
    arguments: [
      (#"{"defaults": {}}"#, "avails.json: `defaults` is not a setting"),
      (#"{"default": {"side": 0.1}}"#, "`default.side` is not a placement"),
      (#"{"default": {"pre": 1.5}}"#, "`default.pre` must be a number from 0 to 1"),
      (#"{"shows": {"a": {"pre": 0.9}}}"#, "`shows.a` shares add up to"),
      (#"{"default": {"pre": true}}"#, "`default.pre` must be a number"),
      ("[1]", "must be a JSON object"),
      ("{", "is not valid JSON"),
    ])
  func invalid(json: String, message: String) {
    #expect {
      try PlacementShares.parse(Data(json.utf8), path: "avails.json")
    } throws: { error in
      (error as? AvailsError).map { String(describing: $0).contains(message) } == true
    }
  }
}
