import Foundation
import GRDB
import Store

/// Dashboard pages rendered once per change of the data, for answering many requests.
///
/// A page set is rendered the first time it is asked for, and again only when the key it was
/// rendered under has changed: the database's data version (SQLite's `PRAGMA data_version` on a
/// connection of the cache's own, which changes whenever any other connection, in this process or
/// another, commits a change), the template file (size and modification time) and the day (pages
/// bind `:today`). Between changes, a request costs one `PRAGMA` and a dictionary look-up.
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

  private let builder: ReportBuilder
  private let options: BuildOptions
  private let probe: DatabaseQueue
  private let lock = NSLock()
  private var dataVersion: Int64 = 0
  private var changes = 0
  private var generation = 0
  private var entries: [String: (key: String, entry: Entry)] = [:]
  /// One render per template at a time; requests for the same template wait for it.
  private var rendering: [String: NSCondition] = [:]

  /// The templates directory the pages come from.
  public var templatesDirectory: String { builder.templatesDirectory }
  private let clock: @Sendable () -> Date

  /// `clock` gives the build time of each render (fixed in tests).
  public init(
    store: CuesheetStore, templatesDirectory: String, options: BuildOptions = BuildOptions(),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    builder = ReportBuilder(store: store, templatesDirectory: templatesDirectory)
    self.options = options
    self.clock = clock
    probe = try store.openReadOnlyReader()
  }

  /// The pages of template `name`, rendered now or earlier under the same key.
  public func entry(_ name: String) throws -> Entry {
    let key = try currentKey(name)
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
    let pages = try entry(name).pages
    guard let id else { return try pages.first?.get() }
    return try (pages.first { $0.name == id } ?? pages.first { $0.file == id })?.get()
  }

  /// The data version, the template file's size and modification time, and today's date.
  private func currentKey(_ name: String) throws -> String {
    let version = try probe.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    let path = builder.path(of: name)
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? Int) ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let today = String(Timestamp.string(clock()).prefix(10))
    lock.lock()
    if version != dataVersion {
      dataVersion = version
      changes += 1
    }
    let changes = self.changes
    lock.unlock()
    return "\(changes)|\(size)|\(modified)|\(today)"
  }
}
