import Diagnostics

/// Fast paths for common call shapes with a constant operand (`x == "s"`, `x in ["a", "b"]`,
/// `x >= 10`), so the hot path avoids generic dispatch.
enum Specialize {
  static func call(_ function: Function, args: [Compiler.Node], range: SourceRange) -> Evaluator? {
    guard args.count == 2 else { return nil }
    let (a, b) = (args[0], args[1])
    switch function.name {
    case "_==_", "_!=_":
      let negate = function.name == "_!=_"
      if let k = b.constant, case .string(let s) = k, a.constant == nil {
        let e = a.eval
        return { frame in
          let x = try e(&frame)
          if case .string(let v) = x { return .bool(v.utf8.elementsEqual(s.utf8) != negate) }
          return .bool(Operators.equals(x, k) != negate)
        }
      }
      if let k = b.constant, case .int(let i) = k, a.constant == nil {
        let e = a.eval
        return { frame in
          let x = try e(&frame)
          if case .int(let v) = x { return .bool((v == i) != negate) }
          return .bool(Operators.equals(x, k) != negate)
        }
      }
      return nil
    case "@in":
      guard a.constant == nil, let k = b.constant, case .list(let items) = k else { return nil }
      let e = a.eval
      if items.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
        let strings = items.map { v -> String in if case .string(let s) = v { return s } else { return "" } }
        if strings.count <= 8 {
          return { frame in
            let x = try e(&frame)
            if case .string(let v) = x { return .bool(strings.contains(v)) }
            return try Operators.contains(x, k)
          }
        }
        let set = Set(strings)
        return { frame in
          let x = try e(&frame)
          if case .string(let v) = x { return .bool(set.contains(v)) }
          return try Operators.contains(x, k)
        }
      }
      return nil
    case "_<_", "_<=_", "_>_", "_>=_":
      guard a.constant == nil, let k = b.constant, case .int(let i) = k else { return nil }
      let e = a.eval
      let name = function.name
      let test: @Sendable (Int64) -> Bool
      switch name {
      case "_<_": test = { $0 < i }
      case "_<=_": test = { $0 <= i }
      case "_>_": test = { $0 > i }
      default: test = { $0 >= i }
      }
      let f = function
      return { frame in
        let x = try e(&frame)
        if case .int(let v) = x { return .bool(test(v)) }
        do { return try f.call([x, k]) } catch var error as EvaluationError {
          if error.range == nil { error.range = range }
          throw error
        }
      }
    default:
      return nil
    }
  }
}
