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
    /// `[a, b]`
    case list([CheckedExpr])
    /// `{k: v}`
    case map([(key: CheckedExpr, value: CheckedExpr)])
    /// `range.all(x, p)`, `exists`, `exists_one`, `map`, `filter`; the loop variable is `local`
    case comprehension(
      Syntax.MacroKind, range: CheckedExpr, local: Int, predicate: CheckedExpr?,
      transform: CheckedExpr?)
  }

  public var type: CELType
  public var range: SourceRange
  public var kind: Kind
}
