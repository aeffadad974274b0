import Diagnostics

/// A node of the syntax tree produced by ``Parser``: what was written, and where.
///
/// Operators are calls with CEL's internal names (`_+_`, `_&&_`, `!_`, `_?_:_`, `_[_]`, `@in`);
/// macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`, the two-variable forms and
/// `transformList` / `transformMap` / `transformMapEntry`, `cel.bind`, `optMap`, `optFlatMap`,
/// `cel.block`) are expanded into ``Kind-swift.enum/has(_:field:)``,
/// ``Kind-swift.enum/comprehension(_:)``, ``Kind-swift.enum/binding(_:)`` and
/// ``Kind-swift.enum/block(_:result:)`` nodes.
public struct Syntax: Sendable {
  /// A literal constant.
  public enum Literal: Sendable, Equatable {
    /// `42`, `-7`, `0x2A`
    case int(Int64)
    /// `42u`
    case uint(UInt64)
    /// `1.5`, `1e3`
    case double(Double)
    /// `'text'`, `"text"`, `r'raw'`, `'''multi'''`
    case string(String)
    /// `b'bytes'`
    case bytes([UInt8])
    /// `true`, `false`
    case bool(Bool)
    /// `null`
    case null
  }

  /// The macro a comprehension came from.
  public enum MacroKind: String, Sendable {
    case all, exists
    case existsOne = "exists_one"
    case map, filter
    /// `list.transformList(i, v, [filter,] value)` (two variables only)
    case transformList
    /// `m.transformMap(k, v, [filter,] value)` (two variables only)
    case transformMap
    /// `m.transformMapEntry(k, v, [filter,] {key: value})` (two variables only)
    case transformMapEntry
  }

  /// A macro over a list or map: `range.kind(variable, predicate[, transform])`, or with two
  /// variables `range.kind(index, value, …)` (index and element of a list, key and value of a map).
  public struct Comprehension: Sendable {
    public var kind: MacroKind
    /// The list or map iterated over.
    public var range: Syntax
    /// The loop variable's name (with two variables, the index or key).
    public var variable: String
    public var variableRange: SourceRange
    /// The second loop variable (the element of a list, the value of a map), when there are two.
    public var valueVariable: String? = nil
    /// The condition (`all`, `exists`, `exists_one`, `filter`, three-argument `map`, the filter of
    /// a `transform…`).
    public var predicate: Syntax?
    /// The mapped value (`map`, `transform…`).
    public var transform: Syntax?
  }

  /// What a local binding stands for.
  public enum BindingKind: String, Sendable {
    /// `cel.bind(name, value, body)`: `body` with `name` bound to `value`.
    case bind = "cel.bind"
    /// `opt.optMap(name, body)`: `optional.of(body)` with `name` bound to the optional's value,
    /// or an empty optional.
    case optMap
    /// `opt.optFlatMap(name, body)`: `body` (an optional) with `name` bound to the optional's
    /// value, or an empty optional.
    case optFlatMap
  }

  /// A local binding: `cel.bind(name, value, body)`, `opt.optMap(name, body)`,
  /// `opt.optFlatMap(name, body)`.
  public struct Binding: Sendable {
    public var kind: BindingKind
    public var variable: String
    public var variableRange: SourceRange
    /// The bound value (`cel.bind`) or the optional (`optMap`, `optFlatMap`).
    public var value: Syntax
    public var body: Syntax
  }

  public indirect enum Kind: Sendable {
    /// `1`, `'a'`, `true`, `null`
    case literal(Literal)
    /// `name`
    case identifier(String)
    /// `operand.field`
    case select(Syntax, field: String)
    /// `has(operand.field)`
    case has(Syntax, field: String)
    /// `f(args)`, `target.f(args)`, and every operator (`a + b` is `_+_(a, b)`, `m.?f` is
    /// `_?._(m, 'f')`, `m[?k]` is `_[?_](m, k)`)
    case call(function: String, target: Syntax?, args: [Syntax])
    /// `[a, b]`; `[?a, b]` marks element 0 optional (included only when it has a value)
    case list([Syntax], optional: Set<Int>)
    /// `{k: v}`; `{?k: v}` is an optional entry (included only when `v` has a value)
    case map([(key: Syntax, value: Syntax, optional: Bool)])
    /// `list.exists(x, p)` and the other macros
    case comprehension(Comprehension)
    /// `cel.bind(x, v, body)`, `opt.optMap(x, body)`, `opt.optFlatMap(x, body)`
    case binding(Binding)
    /// `cel.block([v0, v1, …], result)`: `cel.index(i)` in later values and in the result
    /// stands for `vi` (evaluated at most once, when first used)
    case block([Syntax], result: Syntax)
  }

  /// The source range this node covers.
  public var range: SourceRange
  public var kind: Kind
  /// The height of the subtree (1 for a leaf); bounded by the parser.
  public var depth: Int

  public init(_ kind: Kind, range: SourceRange, depth: Int = 1) {
    self.kind = kind
    self.range = range
    self.depth = depth
  }
}
