import Expressions

/// Compiled programs evaluated by position without copying them.
///
/// A `Program` is a struct of several references; reading one out of an array to call
/// ``Program/evaluate(_:)`` copies it, which retains and releases each of them (the optimiser cannot
/// prove the array unchanged during the call). The table keeps each program in a final class
/// and evaluates it through an unmanaged reference, so a hot loop (one pair, one flag) retains
/// nothing; the table owns the boxes, so they live as long as it does.
struct ProgramTable: @unchecked Sendable {
  /// One program, and a closure that evaluates it: calling the closure of a borrowed box hands
  /// the captured program to ``Program/evaluate(_:)`` in place, where reading the stored
  /// `program` and calling it copied the 144-byte struct first.
  final class Box: Sendable {
    let program: Program
    let evaluate: @Sendable (Activation) throws -> Value

    init(_ program: Program) {
      self.program = program
      self.evaluate = { activation in try program.evaluate(activation) }
    }
  }

  /// The boxes, owned.
  private let boxes: [Box]
  /// The same boxes, unowned, for evaluation.
  private let references: [Unmanaged<Box>]

  init(_ programs: [Program]) {
    boxes = programs.map(Box.init)
    references = boxes.map { Unmanaged.passUnretained($0) }
  }

  var count: Int { references.count }

  /// The program at `index` (a copy: for explanations, traces and errors).
  subscript(index: Int) -> Program { boxes[index].program }

  /// Evaluates the program at `index` against `activation`.
  @inline(__always)
  func evaluate(_ index: Int, _ activation: Activation) throws -> Value {
    try references.withUnsafeBufferPointer { references in
      try references[index]._withUnsafeGuaranteedRef { box in
        try box.evaluate(activation)
      }
    }
  }
}
