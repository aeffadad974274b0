import Diagnostics

/// Local bindings (`cel.bind`, `optMap`, `optFlatMap`, `cel.block`) and two-variable
/// comprehensions.
extension Compiler {
  // MARK: - Bindings

  /// `cel.bind(x, value, body)` (value evaluated once, before the body), `opt.optMap(x, body)`
  /// and `opt.optFlatMap(x, body)` (body evaluated only when the optional has a value). A typed
  /// body keeps its typed evaluator under `cel.bind`.
  func compileBinding(
    _ kind: Syntax.BindingKind, local: Int, value: Node, body: Node, range: SourceRange
  ) -> Node {
    let valueEval = value.eval
    let bodyEval = body.eval
    switch kind {
    case .bind:
      let eval: Evaluator = { frame in
        frame.locals![local] = try valueEval(&frame)
        return try bodyEval(&frame)
      }
      guard typedCompilation, let typed = body.typed else { return Node(eval: eval, constant: nil) }
      switch typed {
      case .bool(let f):
        return .typed(
          .bool { frame in
            frame.locals![local] = try valueEval(&frame)
            return try f(&frame)
          }, boxed: eval)
      case .int(let f):
        return .typed(
          .int { frame in
            frame.locals![local] = try valueEval(&frame)
            return try f(&frame)
          }, boxed: eval)
      case .double(let f):
        return .typed(
          .double { frame in
            frame.locals![local] = try valueEval(&frame)
            return try f(&frame)
          }, boxed: eval)
      }
    case .optMap, .optFlatMap:
      let wrap = kind == .optMap
      let name = kind.rawValue
      let eval: Evaluator = { frame in
        let optional = try valueEval(&frame)
        guard case .optional(let wrapped) = optional else {
          throw EvaluationError(
            .noSuchOverload, "`\(name)` needs an optional, not \(optional.typeValue.name)",
            range: range)
        }
        guard let wrapped else { return optional }
        frame.locals![local] = wrapped
        let result = try bodyEval(&frame)
        if wrap { return .optional(result) }
        guard case .optional = result else {
          throw EvaluationError(
            .noSuchOverload,
            "the body of `optFlatMap` must give an optional, not \(result.typeValue.name)",
            range: range)
        }
        return result
      }
      return Node(eval: eval, constant: nil)
    }
  }

  /// `cel.block(…, result)`: marks every block value not yet computed, then evaluates the
  /// result (values are computed on first use by ``compileBlockValue(_:local:flag:)``).
  static func compileBlock(flags: [Int], result: Node) -> Node {
    if result.constant != nil { return result }
    let resultEval = result.eval
    let eval: Evaluator = { frame in
      for flag in flags { frame.locals![flag] = .null }
      return try resultEval(&frame)
    }
    switch result.typed {
    case .bool(let f)?:
      return .typed(
        .bool { frame in
          for flag in flags { frame.locals![flag] = .null }
          return try f(&frame)
        }, boxed: eval)
    case .int(let f)?:
      return .typed(
        .int { frame in
          for flag in flags { frame.locals![flag] = .null }
          return try f(&frame)
        }, boxed: eval)
    case .double(let f)?:
      return .typed(
        .double { frame in
          for flag in flags { frame.locals![flag] = .null }
          return try f(&frame)
        }, boxed: eval)
    case nil:
      return Node(eval: eval, constant: nil)
    }
  }

  /// `cel.index(i)`: the block value, computed the first time it is used in one evaluation of
  /// the block and read from its local afterwards; a constant value is the constant.
  static func compileBlockValue(_ value: Node, local: Int, flag: Int) -> Node {
    if let constant = value.constant { return Node(eval: { _ in constant }, constant: constant) }
    let valueEval = value.eval
    return Node(
      eval: { frame in
        if case .bool(true) = frame.locals![flag] { return frame.locals![local] }
        let result = try valueEval(&frame)
        frame.locals![local] = result
        frame.locals![flag] = .bool(true)
        return result
      }, constant: nil)
  }

  // MARK: - Two-variable comprehensions

  /// `range.all(i, v, p)`, `exists`, `existsOne`, `transformList`, `transformMap`,
  /// `transformMapEntry`: over a list `i` is the index and `v` the element, over a map `i` is
  /// the key and `v` its value. Each iteration spends one step of the budget; errors follow the
  /// one-variable macros (`all` / `exists` may be decided by a later element despite an error).
  func compileComprehension2(
    _ kind: Syntax.MacroKind, range iterRange: Node, key: Int, value: Int, predicate: Node?,
    transform: Node?, sourceRange: SourceRange
  ) -> Node {
    let rangeEval = iterRange.eval
    let predicateEval = predicate?.eval
    let transformEval = transform?.eval
    @Sendable func condition(_ result: Value) throws -> Bool {
      if case .bool(let b) = result { return b }
      throw EvaluationError(
        .noSuchOverload,
        "the condition of `\(kind.rawValue)` must be bool, not \(result.typeValue.name)",
        range: sourceRange)
    }
    /// Runs `body` with the locals set for each pair, until it returns false.
    @Sendable func iterate(_ frame: inout Frame, _ body: (inout Frame) throws -> Bool) throws {
      switch try rangeEval(&frame) {
      case .list(let items):
        for (index, item) in items.enumerated() {
          try frame.spend()
          frame.locals![key] = .int(Int64(index))
          frame.locals![value] = item
          if try !body(&frame) { return }
        }
      case .map(let map):
        for mapKey in map.keys {
          try frame.spend()
          frame.locals![key] = mapKey
          frame.locals![value] = map[mapKey]!
          if try !body(&frame) { return }
        }
      case let other:
        throw EvaluationError(
          .noSuchOverload, "`\(kind.rawValue)` needs a list or a map, not \(other.typeValue.name)",
          range: sourceRange)
      }
    }
    let eval: Evaluator
    switch kind {
    case .all, .exists:
      let target = kind == .exists
      eval = { frame in
        var failure: Error?
        var decided = false
        try iterate(&frame) { frame in
          do {
            if try condition(try predicateEval!(&frame)) == target {
              decided = true
              return false
            }
          } catch let error as EvaluationError where error.kind == .costLimit {
            throw error
          } catch {
            if failure == nil { failure = error }
          }
          return true
        }
        if decided { return .bool(target) }
        if let failure { throw failure }
        return .bool(!target)
      }
    case .existsOne:
      eval = { frame in
        var count = 0
        try iterate(&frame) { frame in
          if try condition(try predicateEval!(&frame)) { count += 1 }
          return true
        }
        return .bool(count == 1)
      }
    case .transformList:
      eval = { frame in
        var result: [Value] = []
        try iterate(&frame) { frame in
          if let predicateEval, !(try condition(try predicateEval(&frame))) { return true }
          result.append(try transformEval!(&frame))
          return true
        }
        return .list(result)
      }
    case .transformMap:
      eval = { frame in
        var storage: [MapKey: Value] = [:]
        var keys: [Value] = []
        try iterate(&frame) { frame in
          if let predicateEval, !(try condition(try predicateEval(&frame))) { return true }
          let k = frame.locals![key]
          let v = try transformEval!(&frame)
          if let mapKey = MapKey(k), storage.updateValue(v, forKey: mapKey) == nil {
            keys.append(k)
          }
          return true
        }
        return .map(MapValue(storage: storage, keys: keys))
      }
    case .transformMapEntry:
      eval = { frame in
        var storage: [MapKey: Value] = [:]
        var keys: [Value] = []
        try iterate(&frame) { frame in
          if let predicateEval, !(try condition(try predicateEval(&frame))) { return true }
          let entry = try transformEval!(&frame)
          guard case .map(let map) = entry else {
            throw EvaluationError(
              .noSuchOverload,
              "`transformMapEntry` needs a map for each entry, not \(entry.typeValue.name)",
              range: sourceRange)
          }
          for k in map.keys {
            guard let mapKey = MapKey(k) else { continue }
            if storage.updateValue(map[k]!, forKey: mapKey) != nil {
              throw EvaluationError(
                .invalidArgument,
                "`transformMapEntry` produced the key \(Format.literal(k)) twice",
                range: sourceRange)
            }
            keys.append(k)
          }
          return true
        }
        return .map(MapValue(storage: storage, keys: keys))
      }
    case .map, .filter:
      eval = { _ in
        throw EvaluationError(
          .noSuchOverload, "`\(kind.rawValue)` takes one variable", range: sourceRange)
      }
    }
    return Node(eval: eval, constant: nil)
  }
}
