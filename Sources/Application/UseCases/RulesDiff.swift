import Diagnostics
import Foundation
import Matchmaking
import Reports
import Rules
import Store

/// Previews a rule change before it ships: `cuesheet rules diff`.
///
/// Loads two versions of the rule files (the base: a git revision or a directory; the head: the
/// current files), evaluates every flag of both over a population of contexts, and scores every
/// advertiser × show pair with both versions of each matchmaking rule set over the current data,
/// writing nothing. The result says what changes, with counts for everything and details for the
/// largest changes.
///
/// ```swift
/// let report = try await RulesDiff(store: { try CuesheetStore.open(path: "cuesheet.db") }).run(
///   .init(head: ["rules"], base: .revision("HEAD")))
/// report.changed        // false when the working files equal HEAD's
/// ```
public struct RulesDiff: Sendable {
  /// Where the base rules come from.
  public enum Base: Sendable, Equatable {
    /// The head paths at a git revision of their repository (`HEAD`, `main`, `HEAD~2`).
    case revision(String)
    /// The rule files under another directory (or files).
    case directory(String)
  }

  public struct Request: Sendable {
    /// The current rule files or folders.
    public var head: [String]
    public var base: Base
    /// A JSON-lines file of flag contexts; nil: advertisers × environments from the database.
    public var contextsFile: String?
    /// Only these advertisers (flags population and matchmaking); nil: every advertiser.
    public var advertiserIDs: [String]?
    /// The metrics window's last day (nil: the latest day with metrics).
    public var asOf: Day?
    /// Advertisers detailed per rule set.
    public var limit: Int
    /// The flag evaluation time (schedules), the same on both sides.
    public var now: Date
    public var workers: Int?

    public init(
      head: [String], base: Base, contextsFile: String? = nil, advertiserIDs: [String]? = nil,
      asOf: Day? = nil, limit: Int = 10, now: Date = Date(), workers: Int? = nil
    ) {
      self.head = head
      self.base = base
      self.contextsFile = contextsFile
      self.advertiserIDs = advertiserIDs
      self.asOf = asOf
      self.limit = limit
      self.now = now
      self.workers = workers
    }
  }

  /// Opens the database the pairs and accounts are read from.
  public let store: @Sendable () throws -> CuesheetStore

  public init(store: @escaping @Sendable () throws -> CuesheetStore) { self.store = store }

  /// Compares the two sides.
  ///
  /// - Throws: ``RulesDiffError`` (a side that does not load, with its diagnostics; an unknown
  ///   revision; a bad contexts line), ``MatchmakingError/unknownAdvertiser(_:)``, store errors.
  public func run(_ request: Request) async throws -> RulesDiffReport {
    guard request.limit >= 0 else {
      throw ApplicationError.invalidValue(field: "limit", message: "must be 0 or more")
    }
    let (base, head) = try Self.load(request)
    let store = try self.store()
    let inputs = try await MatchQueries.inputs(
      store: store, advertiserIDs: request.advertiserIDs, asOf: request.asOf)
    let provenance = Provenance.of(
      builtAt: Timestamp.string(request.now), database: (store.path as NSString).lastPathComponent,
      latestImportID: inputs.latestImportID, metricsFirstDay: inputs.metricsFirstDay,
      metricsLastDay: inputs.metricsLastDay)
    let (advertisers, shows) = (inputs.advertisers, inputs.shows)
    return try await Self.compare(
      base: base, head: head, advertisers: advertisers, shows: shows, asOf: inputs.asOf,
      population: population(request, base: base.book, head: head.book, advertisers: advertisers),
      limit: request.limit, now: request.now, provenance: provenance, workers: request.workers)
  }

  /// One loaded side: its label, files and rule book.
  public struct LoadedSide: Sendable {
    public let label: String
    public let book: RuleBook

    public init(label: String, book: RuleBook) {
      self.label = label
      self.book = book
    }
  }

  /// Loads both sides; throws ``RulesDiffError/rulesDoNotLoad(_:)`` with each failing side's
  /// diagnostics.
  static func load(_ request: Request) throws -> (LoadedSide, LoadedSide) {
    let headSources = try RuleSources.files(request.head)
    let baseSources: [SourceFile]
    let baseLabel: String
    switch request.base {
    case .revision(let revision):
      guard RuleSources.isInGitWorkTree(request.head.first ?? ".") else {
        throw RulesDiffError.notAGitWorkTree(path: request.head.first ?? ".")
      }
      baseSources = try RuleSources.files(request.head, atRevision: revision)
      baseLabel = revision
    case .directory(let directory):
      baseSources = try RuleSources.files([directory])
      baseLabel = directory
    }
    let (baseBook, baseDiagnostics) = RuleLoader.analyze(baseSources)
    let (headBook, headDiagnostics) = RuleLoader.analyze(headSources)
    var failures: [RulesDiffError.SideDiagnostics] = []
    if baseBook == nil {
      failures.append(.init(side: "base (\(baseLabel))", diagnostics: baseDiagnostics))
    }
    if headBook == nil { failures.append(.init(side: "head", diagnostics: headDiagnostics)) }
    guard let baseBook, let headBook else { throw RulesDiffError.rulesDoNotLoad(failures) }
    return (
      LoadedSide(label: baseLabel, book: baseBook),
      LoadedSide(label: request.head.joined(separator: ", "), book: headBook)
    )
  }

  func population(
    _ request: Request, base: RuleBook, head: RuleBook, advertisers: [MatchSubject]
  ) throws -> FlagPopulation {
    guard let file = request.contextsFile else {
      return FlagPopulation.accounts(
        advertisers.map(\.id),
        environments: FlagPopulation.environments(mentionedBy: [base.flags, head.flags]))
    }
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw RulesDiffError.cannotRead(path: file, reason: "it is missing or not UTF-8 text")
    }
    return try FlagPopulation.jsonLines(text, file: file)
  }

  /// The comparison itself, on inputs already loaded: no files, no database.
  public static func compare(
    base: LoadedSide, head: LoadedSide, advertisers: [MatchSubject], shows: [MatchSubject],
    asOf: Day, population: FlagPopulation, limit: Int, now: Date, provenance: Provenance,
    workers: Int? = nil
  ) async throws -> RulesDiffReport {
    let flags = try FlagsComparison.compare(
      base: base.book.flags, head: head.book.flags, population: population, now: now)
    let baseNames = Set(base.book.ruleSets.map(\.name))
    let headNames = Set(head.book.ruleSets.map(\.name))
    var ruleSets: [RuleSetDiff] = []
    for headRules in head.book.ruleSets {
      guard let baseRules = base.book.ruleSet(named: headRules.name) else { continue }
      let comparisons = await MatchComparison.compare(
        base: baseRules, head: headRules, advertisers: advertisers, shows: shows, workers: workers)
      ruleSets.append(
        RuleSetComparison.diff(
          base: baseRules, head: headRules, comparisons: comparisons, advertisers: advertisers,
          shows: shows, limit: limit))
    }
    let matchmaking = MatchmakingDiff(
      asOf: asOf.description, advertisers: advertisers.count, shows: shows.count,
      ruleSetsAdded: head.book.ruleSets.map(\.name).filter { !baseNames.contains($0) },
      ruleSetsRemoved: base.book.ruleSets.map(\.name).filter { !headNames.contains($0) },
      ruleSets: ruleSets)
    let changed =
      flags.hasChanges || !matchmaking.ruleSetsAdded.isEmpty
      || !matchmaking.ruleSetsRemoved.isEmpty || ruleSets.contains { $0.hasChanges }
    return RulesDiffReport(
      schemaVersion: RulesDiffReport.currentSchemaVersion,
      base: .init(label: base.label, files: base.book.files),
      head: .init(label: head.label, files: head.book.files), changed: changed, flags: flags,
      matchmaking: matchmaking, limit: limit, provenance: provenance)
  }
}
