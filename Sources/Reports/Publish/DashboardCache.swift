import Foundation
import GRDB
import Store

/// Dashboard pages rendered once per change of their inputs, for answering many requests.
///
/// A page set is rendered the first time it is asked for, and again only when the key it was
/// rendered under has changed: the markers of the tables its queries (and its `pages:` query) read
/// (``DataVersions``, kept in the database, so a write by any connection or process counts, and a
/// write to a table the template does not read does not), the template file (size and
/// modification time) and the day (pages bind `:today`). A template whose queries read the clock
/// or a table without a marker is keyed by the markers of every table. Between changes, a request
/// costs one read of the markers and a dictionary look-up; values derived from a page (the server's
/// encoded JSON) are kept with it (``derived(_:named:versions:_:)``).
///
/// ```swift
/// let cache = try DashboardCache(store: store, templatesDirectory: "reports")
/// let page = try cache.page("creator", named: "S-1")
/// ```
public final class DashboardCache: @unchecked Sendable {
  /// Pages of one template and the key they were rendered under.
  public struct Entry: Sendable {
    /// Increases every time any entry is rendered again; callers can key their own derived
    /// values (encoded JSON, say) on it.
    public let generation: Int
    /// Every page's outcome: a page, or why it failed (other pages are unaffected).
    public let pages: [ReportBuilder.PageResult]
  }

  private let store: CuesheetStore
  private let builder: ReportBuilder
  private let options: BuildOptions
  private let lock = NSLock()
  private var generation = 0
  private var entries: [String: (key: String, entry: Entry)] = [:]
  /// Values derived from a page, by template, page id and type, with the generation they are of.
  private var derivedValues: [String: (generation: Int, value: any Sendable)] = [:]
  /// One render per template at a time; requests for the same template wait for it.
  private var rendering: [String: NSCondition] = [:]
  /// Finds the tables a template reads (a confined connection), under `readsLock`.
  private let runner: QueryRunner
  private let readsLock = NSLock()
  /// The tables each template reads (`nil`: unknown), by the template file's size and time.
  private var reads: [String: (stamp: String, tables: Set<String>?)] = [:]

  /// The templates directory the pages come from.
  public var templatesDirectory: String { builder.templatesDirectory }
  private let clock: @Sendable () -> Date

  /// `clock` gives the build time of each render (fixed in tests).
  public init(
    store: CuesheetStore, templatesDirectory: String, options: BuildOptions = BuildOptions(),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    self.store = store
    builder = ReportBuilder(store: store, templatesDirectory: templatesDirectory)
    self.options = options
    self.clock = clock
    runner = try QueryRunner(store: store, options: options)
  }

  /// The pages of template `name`, rendered now or earlier under the same key.
  public func entry(_ name: String) throws -> Entry {
    try entry(name, versions: try store.writer.read { db in try DataVersions.read(db) })
  }

  /// The pages of template `name`, rendered now or earlier under the same key, with `versions`
  /// read by the caller (for a caller already inside a read of the store).
  public func entry(_ name: String, versions: DataVersions) throws -> Entry {
    let key = currentKey(name, versions: versions)
    lock.lock()
    if let cached = entries[name], cached.key == key {
      lock.unlock()
      return cached.entry
    }
    // Render outside the lock, one render per template at a time.
    let condition = rendering[name] ?? NSCondition()
    rendering[name] = condition
    lock.unlock()
    condition.lock()
    defer { condition.unlock() }
    lock.lock()
    if let cached = entries[name], cached.key == key {
      lock.unlock()
      return cached.entry
    }
    lock.unlock()
    guard let template = try builder.loadTemplates([name]).first else {
      throw ReportError.unknownReport(
        name: name, directory: builder.templatesDirectory, known: try builder.templateNames())
    }
    var options = self.options
    options.builtAt = clock()
    let pages = try builder.renderPageResults(template, options: options)
    lock.lock()
    defer { lock.unlock() }
    generation += 1
    let entry = Entry(generation: generation, pages: pages)
    entries[name] = (key, entry)
    return entry
  }

  /// The page of template `name` whose output name (before cleaning, e.g. the show id) or file
  /// name is `id`, or the first page when `id` is nil; `nil` when there is no such page. Throws
  /// that page's own failure, never another page's.
  public func page(_ name: String, named id: String?) throws -> ReportBuilder.Page? {
    try Self.find(id, in: entry(name).pages)
  }

  /// ``page(_:named:)`` with `versions` read by the caller.
  public func page(_ name: String, named id: String?, versions: DataVersions) throws
    -> ReportBuilder.Page?
  {
    try Self.find(id, in: entry(name, versions: versions).pages)
  }

  /// `make(page)` for the page ``page(_:named:versions:)`` finds, computed once per rendering of
  /// that page and kept with it; `nil` when there is no such page. Only pages that exist are kept,
  /// so the values are bounded by the pages, whatever ids are asked for.
  public func derived<T: Sendable>(
    _ name: String, named id: String?, versions: DataVersions,
    _ make: (ReportBuilder.Page) throws -> T
  ) throws -> T? {
    let entry = try entry(name, versions: versions)
    let key = "\(name)\u{0}\(id ?? "")\u{0}\(T.self)"
    lock.lock()
    if let kept = derivedValues[key], kept.generation == entry.generation,
      let value = kept.value as? T
    {
      lock.unlock()
      return value
    }
    lock.unlock()
    guard let page = try Self.find(id, in: entry.pages) else { return nil }
    let value = try make(page)
    lock.lock()
    derivedValues[key] = (entry.generation, value)
    lock.unlock()
    return value
  }

  private static func find(_ id: String?, in pages: [ReportBuilder.PageResult]) throws
    -> ReportBuilder.Page?
  {
    guard let id else { return try pages.first?.get() }
    return try (pages.first { $0.name == id } ?? pages.first { $0.file == id })?.get()
  }

  /// The markers of the tables the template reads (of every table when that is unknown), the
  /// template file's size and modification time, and today's date.
  private func currentKey(_ name: String, versions: DataVersions) -> String {
    let path = builder.path(of: name)
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? Int) ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let stamp = "\(size)|\(modified)"
    let data =
      tablesRead(name, stamp: stamp).flatMap { versions.marker(of: $0) }
      ?? versions.marker(of: versions.tables.keys) ?? ""
    let today = String(Timestamp.string(clock()).prefix(10))
    return "\(stamp)|\(today)|\(data)"
  }

  /// The tables template `name`'s queries and `pages:` query read, found once per version of the
  /// file; `nil` when a query reads the clock or random numbers, or the template does not parse.
  private func tablesRead(_ name: String, stamp: String) -> Set<String>? {
    readsLock.lock()
    defer { readsLock.unlock() }
    if let known = reads[name], known.stamp == stamp { return known.tables }
    var tables: Set<String>? = nil
    if let template = try? builder.loadTemplates([name]).first {
      let sqls = template.queries.map(\.sql) + (template.frontMatter.pages.map { [$0] } ?? [])
      tables = []
      for sql in sqls {
        guard let found = runner.dependencies(of: sql), !found.volatile else {
          tables = nil
          break
        }
        tables?.formUnion(found.tables)
      }
    }
    reads[name] = (stamp, tables)
    return tables
  }
}
