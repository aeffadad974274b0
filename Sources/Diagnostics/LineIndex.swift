/// The UTF-8 offset at which each line of a text starts, with the line of any offset found by
/// binary search. ``SourceFile`` (one-based lines and columns) and the language server's documents
/// (zero-based lines, UTF-16 columns) both count lines with it.
///
/// ```swift
/// let lines = LineIndex(Array("a\nbc\n".utf8))
/// lines.count                 // 3 (the empty line after the last "\n" counts)
/// lines.line(containing: 3)   // 1 (zero-based): offset 3 is "c"
/// lines.start(ofLine: 1)      // 2
/// ```
public struct LineIndex: Sendable {
  private let starts: [Int]

  public init(_ bytes: [UInt8]) {
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(index + 1)
    }
    self.starts = starts
  }

  /// The number of lines (at least 1).
  public var count: Int { starts.count }

  /// The UTF-8 offset at which the zero-based `line` starts; `line` must be in `0..<count`.
  public func start(ofLine line: Int) -> Int { starts[line] }

  /// The zero-based line holding `offset` (an offset past the end is on the last line).
  public func line(containing offset: Int) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }
}
