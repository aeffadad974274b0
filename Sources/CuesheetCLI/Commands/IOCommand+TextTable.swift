/// A plain-text table with aligned columns, for the `deals` and `io` listings.
///
/// (Lives here because it serves only the pipeline commands; move it to `Support/` if others need it.)
struct TextTable {
  let header: [String]
  /// Indexes of the columns aligned right (numbers, money).
  let rightAligned: Set<Int>
  private(set) var rows: [[String]] = []

  init(header: [String], rightAligned: Set<Int> = []) {
    self.header = header
    self.rightAligned = rightAligned
  }

  mutating func add(_ row: [String]) { rows.append(row) }

  /// The header and rows, columns separated by two spaces, without trailing blanks.
  func render() -> String {
    let all = [header] + rows
    var widths = Array(repeating: 0, count: header.count)
    for row in all {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    return all.map { row in
      row.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        return rightAligned.contains(index) ? pad + cell : cell + pad
      }.joined(separator: "  ").replacing(/\s+$/, with: "")
    }.joined(separator: "\n")
  }
}
