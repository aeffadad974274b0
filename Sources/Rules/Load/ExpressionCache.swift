import Diagnostics
import Expressions
import Foundation

/// Remembers the analysis of each expression text in each environment, so re-checking a rule
/// file after a one-character change only re-checks the expressions that changed.
///
/// For tools that analyse the same files over and over (the language server re-checks a folder on
/// every keystroke): pass one cache to ``RuleLoader/analyze(_:cache:)``. Diagnostics are stored
/// relative to the expression's start and moved to where the text now is; a program taken from the
/// cache keeps the source it was first compiled from, so a book loaded with a cache is for
/// checking, not for evaluating (runtime error positions could point at an older text). At most
/// ``capacity`` entries are kept; when full, the cache starts over.
public final class ExpressionCache: @unchecked Sendable {
  private struct Entry {
    let program: Program?
    /// Diagnostics with ranges relative to the expression's start.
    let diagnostics: [Diagnostic]
  }

  public let capacity: Int
  private var entries: [String: Entry] = [:]
  private let lock = NSLock()
  /// Lookups answered from the cache and lookups that analysed (for tests and benchmarks).
  public private(set) var hits = 0
  public private(set) var misses = 0

  public init(capacity: Int = 20_000) { self.capacity = capacity }

  /// `Expression.analyze(file, range:, in:)`, from the cache when the same text was analysed in
  /// an environment with the same variables, in the same order, of the same types.
  func analyze(_ file: SourceFile, range: SourceRange, in environment: Environment)
    -> (program: Program?, diagnostics: [Diagnostic])
  {
    let variables = environment.variables.map { "\($0.name):\($0.type)" }.joined(separator: ",")
    let key = variables + "\u{0}" + file.text(in: range)
    lock.lock()
    let cached = entries[key]
    if cached != nil { hits += 1 } else { misses += 1 }
    lock.unlock()
    if let cached {
      return (cached.program, cached.diagnostics.map { Self.moved($0, by: range.start, to: file) })
    }
    let result = Expression.analyze(file, range: range, in: environment)
    let relative = result.diagnostics.map { Self.moved($0, by: -range.start, to: nil) }
    lock.lock()
    if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
    entries[key] = Entry(program: result.program, diagnostics: relative)
    lock.unlock()
    return (result.program, result.diagnostics)
  }

  private static func moved(_ diagnostic: Diagnostic, by delta: Int, to file: SourceFile?)
    -> Diagnostic
  {
    var moved = diagnostic
    moved.file = file
    moved.range = diagnostic.range.map { SourceRange(start: $0.start + delta, end: $0.end + delta) }
    moved.notes = diagnostic.notes.map { note in
      Diagnostic.Note(
        note.message,
        range: note.range.map { SourceRange(start: $0.start + delta, end: $0.end + delta) })
    }
    return moved
  }
}
