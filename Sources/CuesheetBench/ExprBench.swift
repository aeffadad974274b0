import ArgumentParser
import Expressions
import Foundation

/// `cuesheet-bench expr`: nanoseconds per evaluation of the issue's four expressions, for the
/// compiled program and the same logic hand-written in Swift, plus compile time.
struct ExprBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "expr", abstract: "Evaluate the four benchmark expressions (inputs bound once).")

  @Option(help: "Evaluations per run.") var iterations = 1_000_000
  @Option(help: "Runs per figure (the median is printed).") var runs = 7
  @Option(help: "Time these expressions instead (inputs as in the benchmark).") var expression:
    [String] = []
  @Option(help: "Run only benchmark expression N (1–4), once, with no timing (for callgrind).")
  var only: Int?
  @Option(help: "With --only: `compiled` (the program) or `swift` (the hand-written floor).")
  var variant = Variant.compiled

  enum Variant: String, ExpressibleByArgument, CaseIterable { case compiled, swift }

  static let expressions = [
    #"account.tier == "enterprise" && account.country in ["US", "CA", "GB"] && account.seats >= 10"#,
    "advertiser.target_categories.exists(c, c in show.categories)",
    "math.least(1.0, double(show.downloads_30d) / double(advertiser.min_downloads))",
    #"show.name.lowerAscii().contains("tech") || show.description.matches("(?i)startup")"#,
  ]

  struct Account { let tier: String; let country: String; let seats: Int }
  struct Advertiser { let targetCategories: [String]; let minDownloads: Int }
  struct Show {
    let name: String; let description: String; let categories: [String]; let downloads30d: Int
  }

  func run() async throws {
    let accountType = RecordType(
      "Account", fields: [("tier", .string), ("country", .string), ("seats", .int)])
    let advertiserType = RecordType(
      "Advertiser", fields: [("target_categories", .list(.string)), ("min_downloads", .int)])
    let showType = RecordType(
      "Show",
      fields: [
        ("name", .string), ("description", .string), ("categories", .list(.string)),
        ("downloads_30d", .int),
      ])
    var env = Environment()
    let accountSlot = env.declareVariable("account", .record(accountType))
    let advertiserSlot = env.declareVariable("advertiser", .record(advertiserType))
    let showSlot = env.declareVariable("show", .record(showType))

    let account = Account(tier: "enterprise", country: "GB", seats: 25)
    let advertiser = Advertiser(
      targetCategories: ["finance", "business", "technology"], minDownloads: 50_000)
    let show = Show(
      name: "Tech Founders Weekly", description: "Interviews with early-stage founders.",
      categories: ["news", "business", "education"], downloads30d: 42_000)

    var activation = env.makeActivation()
    activation[accountSlot] = try accountType.value([
      "tier": .string(account.tier), "country": .string(account.country),
      "seats": .int(Int64(account.seats)),
    ])
    activation[advertiserSlot] = try advertiserType.value([
      "target_categories": .list(advertiser.targetCategories.map { .string($0) }),
      "min_downloads": .int(Int64(advertiser.minDownloads)),
    ])
    activation[showSlot] = try showType.value([
      "name": .string(show.name), "description": .string(show.description),
      "categories": .list(show.categories.map { .string($0) }),
      "downloads_30d": .int(Int64(show.downloads30d)),
    ])

    let startupRegex = try NSRegularExpression(pattern: "startup", options: [.caseInsensitive])
    let handWritten: [@Sendable () -> Bool] = [
      { Self.floor1(account) },
      { Self.floor2(advertiser, show) },
      { Self.floor3(advertiser, show) < 2 },
      { Self.floor4(show, startupRegex) },
    ]

    if let only {
      guard (1...Self.expressions.count).contains(only) else {
        throw ValidationError("--only takes 1 to \(Self.expressions.count), not \(only)")
      }
      // One plain loop of `iterations` evaluations, nothing else: instruction counts from two
      // runs of different lengths give the cost of one evaluation (scripts/bench-instructions.sh).
      var sink = 0
      switch variant {
      case .compiled:
        let program = try Expression.compile(Self.expressions[only - 1], in: env)
        let frozen = activation
        for _ in 0..<iterations {
          if case .bool(true) = try program.evaluate(frozen) { sink &+= 1 }
        }
      case .swift:
        let floor = handWritten[only - 1]
        for _ in 0..<iterations where floor() { sink &+= 1 }
      }
      print("expr.\(only).\(variant.rawValue).iterations: \(iterations) (\(sink) true)")
      return
    }
    if !expression.isEmpty {
      for text in expression {
        let program = try Expression.compile(text, in: env)
        let frozen = activation
        let nanos = try median(
          (0..<runs).map { _ in try timeProgram(program, frozen, count: iterations) })
        print("\(text): \(format(nanos)) ns/eval")
      }
      return
    }
    print("expr.iterations: \(iterations) evaluations x \(runs) runs (median, thread CPU time)")
    for (index, text) in Self.expressions.enumerated() {
      let number = index + 1
      let compileNanos = try median(
        (0..<runs).map { _ in
          try measure(count: 200) { _ = try Expression.compile(text, in: env) }
        })
      let program = try Expression.compile(text, in: env)
      let expected = try program.evaluate(activation)
      let evalIterations = index == 3 ? iterations / 10 : iterations
      let frozen = activation
      let evalNanos = try median(
        (0..<runs).map { _ in try timeProgram(program, frozen, count: evalIterations) })
      let floor = handWritten[index]
      let floorNanos = median((0..<runs).map { _ in timeSwift(floor, count: evalIterations) })
      print("expr.\(number).result: \(Format.literal(expected))")
      print("expr.\(number).compiled: \(format(evalNanos)) ns/eval")
      print("expr.\(number).swift: \(format(floorNanos)) ns/eval")
      print("expr.\(number).ratio: \(format(evalNanos / max(floorNanos, 0.01))) x")
      print("expr.\(number).compile: \(format(compileNanos / 1000)) us")
    }
  }

  @inline(never) static func floor1(_ a: Account) -> Bool {
    a.tier == "enterprise" && ["US", "CA", "GB"].contains(a.country) && a.seats >= 10
  }
  @inline(never) static func floor2(_ a: Advertiser, _ s: Show) -> Bool {
    a.targetCategories.contains { s.categories.contains($0) }
  }
  @inline(never) static func floor3(_ a: Advertiser, _ s: Show) -> Double {
    min(1.0, Double(s.downloads30d) / Double(a.minDownloads))
  }
  @inline(never) static func floor4(_ s: Show, _ regex: NSRegularExpression) -> Bool {
    s.name.lowercased().contains("tech")
      || regex.firstMatch(
        in: s.description, range: NSRange(s.description.startIndex..., in: s.description)) != nil
  }

  /// Nanoseconds per evaluation; program and activation are parameters, not captured boxes.
  @inline(never) private func timeProgram(_ program: Program, _ activation: Activation, count: Int)
    throws -> Double
  {
    var sink = 0
    let start = Self.threadCPUNanos()
    for _ in 0..<count {
      if case .bool(true) = try program.evaluate(activation) { sink &+= 1 }
    }
    let elapsed = Self.threadCPUNanos() - start
    if sink == -1 { print(sink) }
    return elapsed / Double(count)
  }

  @inline(never) private func timeSwift(_ body: () -> Bool, count: Int) -> Double {
    var sink = 0
    let start = Self.threadCPUNanos()
    for _ in 0..<count where body() { sink &+= 1 }
    let elapsed = Self.threadCPUNanos() - start
    if sink == -1 { print(sink) }
    return elapsed / Double(count)
  }

  /// CPU time of the calling thread, so other processes on a shared machine do not inflate
  /// the figures (wall-clock time would).
  static func threadCPUNanos() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e9 + Double(spec.tv_nsec)
  }

  /// Nanoseconds per call of `body` over `count` calls.
  private func measure(count: Int, _ body: () throws -> Void) throws -> Double {
    let start = Self.threadCPUNanos()
    for _ in 0..<count { try body() }
    return (Self.threadCPUNanos() - start) / Double(count)
  }

  private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
  private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
