import Diagnostics

/// A node of the syntax tree produced by ``Parser``: what was written, and where.
///
/// Operators are calls with CEL's internal names (`_+_`, `_&&_`, `!_`, `_?_:_`, `_[_]`, `@in`);
/// macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) are expanded into
/// ``Kind-swift.enum/has(_:field:)`` and ``Kind-swift.enum/comprehension(_:)`` nodes.
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
  }

  /// A macro over a list or map: `range.kind(variable, predicate[, transform])`.
  public struct Comprehension: Sendable {
    public var kind: MacroKind
    /// The list or map iterated over.
    public var range: Syntax
    /// The loop variable's name.
    public var variable: String
    public var variableRange: SourceRange
    /// The condition (`all`, `exists`, `exists_one`, `filter`, three-argument `map`).
    public var predicate: Syntax?
    /// The mapped value (`map`).
    public var transform: Syntax?
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
    /// `f(args)`, `target.f(args)`, and every operator (`a + b` is `_+_(a, b)`)
    case call(function: String, target: Syntax?, args: [Syntax])
    /// `[a, b]`
    case list([Syntax])
    /// `{k: v}`
    case map([(key: Syntax, value: Syntax)])
    /// `list.exists(x, p)` and the other macros
    case comprehension(Comprehension)
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
