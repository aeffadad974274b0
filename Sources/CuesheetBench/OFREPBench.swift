import Application
import ArgumentParser
import Foundation
import Rules
import Store

/// `cuesheet-bench ofrep`: OpenFeature (OFREP) evaluation in process, request body to response
/// body, beside the own flag route's equivalent.
struct OFREPBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ofrep",
    abstract:
      "OFREP: bulk evaluation of every shipped flag for one context, and single evaluations, body to body."
  )

  @Option(help: "The rule files (default: ./rules, the shipped flags).") var rules = "rules"
  @Option(help: "Requests per measured run.") var requests = 100_000
  @Option(help: "Measured runs (the median is reported).") var runs = 5

  func run() async throws {
    let book = try RuleLoader.load(paths: [rules])
    let bodies = (0..<16).map { index in
      Data(
        #"{"context": {"targetingKey": "acct-\#(index)", "env": "production", "account": {"tier": "\#(index % 2 == 0 ? "enterprise" : "smb")", "country": "US"}}}"#
          .utf8)
    }
    let ownContexts = (0..<16).map { index in
      #"{"env": "production", "account": {"id": "acct-\#(index)", "tier": "\#(index % 2 == 0 ? "enterprise" : "smb")", "country": "US"}}"#
    }
    let useCase = EvaluateOpenFeature()
    let flag = "IO_TEMPLATE"
    var sink = 0
    func measure(_ body: (Int) -> Int) -> Double {
      var timings: [Double] = []
      for _ in 0..<runs {
        timings.append(
          BenchSupport.seconds {
            for index in 0..<requests { sink &+= body(index) }
          })
      }
      return BenchSupport.median(timings) / Double(requests) * 1e6
    }
    let bulk = measure { index in
      let request = EvaluateOpenFeature.Request(rules: book, body: bodies[index & 15])
      guard case .evaluated(let results, let etag) = useCase.evaluateAll(request) else { return 0 }
      return OFREPJSON.bulk(results).utf8.count + etag.utf8.count
    }
    var etags: [String] = []
    for body in bodies {
      if case .evaluated(_, let etag) = useCase.evaluateAll(.init(rules: book, body: body)) {
        etags.append(etag)
      }
    }
    let notModified = measure { index in
      let request = EvaluateOpenFeature.Request(rules: book, body: bodies[index & 15])
      if case .notModified = useCase.evaluateAll(request, ifNoneMatch: etags[index & 15]) {
        return 1
      }
      return 0
    }
    let single = measure { index in
      let request = EvaluateOpenFeature.Request(rules: book, body: bodies[index & 15])
      return OFREPJSON.resolution(useCase.evaluate(flag: flag, request)).utf8.count
    }
    let encoder = JSONKeys.encoder(pretty: false)
    let own = measure { index in
      guard
        let answer = try? EvaluateFlag().run(
          .init(
            rules: book, rulesSource: rules, flag: flag, context: ownContexts[index & 15])),
        let data = try? encoder.encode(FlagResultJSON(answer.result))
      else { return 0 }
      return data.count
    }
    print("ofrep.flags: \(book.flags.flags.count) flags from \(rules)")
    print(
      "ofrep.bulk_us: \(BenchSupport.format(bulk, 2)) µs/request (parse, map, evaluate every flag, ETag, JSON; median of \(runs), one core)"
    )
    print(
      "ofrep.bulk_304_us: \(BenchSupport.format(notModified, 2)) µs/request (If-None-Match hit)")
    print("ofrep.single_us: \(BenchSupport.format(single, 2)) µs/request (\(flag))")
    print(
      "flags_route.single_us: \(BenchSupport.format(own, 2)) µs/request (EvaluateFlag + FlagResultJSON, as GET /api/v1/flags/\(flag))"
    )
    print("ofrep.bulk_target: 50 µs (\(bulk < 50 ? "met" : "NOT met"))")
    if sink == -1 { print(sink) }
  }
}
