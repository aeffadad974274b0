import Diagnostics

/// A node of the checked tree: every name resolved (variables to slots, fields to record
/// indexes, calls to functions) and every node typed. Only checked trees are compiled.
public struct CheckedExpr: Sendable {
  public indirect enum Kind: Sendable {
    /// A literal or a folded constant: `1`, `'a'`, `int` (a type value)
    case constant(Value)
    /// A declared variable: `show`
    case variable(VariableSlot, name: String)
    /// A comprehension variable: the `c` in `list.exists(c, …)`
    case local(Int, name: String)
    /// An unknown name in unchecked mode; evaluating it is an error
    case unresolved(String)
    /// `operand.field`; `recordIndex` is set when the operand is a declared record
    case select(CheckedExpr, field: String, recordIndex: Int?)
    /// `has(operand.field)`
    case has(CheckedExpr, field: String, recordIndex: Int?)
    /// `f(args)`, `x.f(args)` (receiver first), operators
    case call(Function, args: [CheckedExpr])
    /// An unknown function in unchecked mode; evaluating it is an error
    case unknownFunction(String, args: [CheckedExpr])
    /// `a && b && …`
    case and([CheckedExpr])
    /// `a || b || …`
    case or([CheckedExpr])
    /// `c ? a : b`
    case conditional(CheckedExpr, CheckedExpr, CheckedExpr)
    /// `[a, b]`; elements in `optional` (`[?a]`) are optionals, included when they have a value
    case list([CheckedExpr], optional: Set<Int>)
    /// `{k: v}`; an optional entry (`{?k: v}`) is included when `v` has a value
    case map([(key: CheckedExpr, value: CheckedExpr, optional: Bool)])
    /// `range.all(x, p)`, `exists`, `exists_one`, `map`, `filter`; the loop variable is `local`
    case comprehension(
      Syntax.MacroKind, range: CheckedExpr, local: Int, predicate: CheckedExpr?,
      transform: CheckedExpr?)
    /// `range.all(i, v, p)`, `exists`, `existsOne`, `transformList`, `transformMap`,
    /// `transformMapEntry`: `key` is the index (list) or key (map), `value` the element or value
    case comprehension2(
      Syntax.MacroKind, range: CheckedExpr, key: Int, value: Int, predicate: CheckedExpr?,
      transform: CheckedExpr?)
    /// `cel.bind(x, value, body)`, `value.optMap(x, body)`, `value.optFlatMap(x, body)`; `x` is
    /// `local`
    case binding(Syntax.BindingKind, local: Int, value: CheckedExpr, body: CheckedExpr)
    /// `cel.block([v0, v1, …], result)`: value `i` lives in local `slots[i].value` once computed,
    /// which local `slots[i].flag` records
    case block([CheckedExpr], slots: [(value: Int, flag: Int)], result: CheckedExpr)
    /// `cel.index(i)` inside a block: block value `i`, computed on first use
    case blockValue(local: Int, flag: Int, name: String)
  }

  public var type: CELType
  public var range: SourceRange
  public var kind: Kind
}
