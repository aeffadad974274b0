// libFuzzer target: the streaming CSV reader (Sources/Ingest/CSV), at every chunk size.
// Build and run with `scripts/fuzz.sh csv`.
//
// The first input byte picks the chunk size (16 to 271 bytes: the reader's smallest buffer is 16,
// so a record, a quoted field, a CRLF or a BOM straddles chunk boundaries everywhere); the rest is
// the file.
//
// Property beyond "no crash": a CSV that parses re-serialises (CSVWriter.quoted, commas, CRLF) and
// parses, at another chunk size, to the same rows; every field's line is within its record's
// lines.
//
// The kinds' schemas (Sources/Ingest/Schema) convert fields to GRDB values and are not in this
// target (see docs/fuzzing.md); the reader is what every kind shares.

/// Every record of `bytes` as strings with the line each field starts on, or nil when the CSV is
/// malformed.
private func records(_ bytes: [UInt8], chunkSize: Int) -> [(fields: [[UInt8]], line: Int)]? {
  var reader = CSVReader(bytes: bytes, chunkSize: chunkSize)
  var rows: [(fields: [[UInt8]], line: Int)] = []
  do {
    while try reader.next() {
      var fields: [[UInt8]] = []
      for index in 0..<reader.count {
        fields.append(Array(reader.fieldBytes[reader.range(at: index)]))
        if reader.fieldLines[index] < reader.line {
          fatalError(
            "field \(index) starts on line \(reader.fieldLines[index]), before its record's line \(reader.line)"
          )
        }
      }
      rows.append((fields, reader.line))
    }
  } catch is CSVError {
    return nil
  } catch {
    fatalError("the reader threw \(type(of: error)), not a CSVError: \(error)")
  }
  if reader.bytesRead != bytes.count {
    fatalError("read \(reader.bytesRead) of \(bytes.count) bytes")
  }
  return rows
}

/// The rows written back as CSV, quoting as CSVWriter does.
private func serialise(_ rows: [[[UInt8]]]) -> [UInt8] {
  var out: [UInt8] = []
  for row in rows {
    for (index, field) in row.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      let needsQuotes = field.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      if needsQuotes {
        out.append(0x22)
        for byte in field {
          out.append(byte)
          if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
      } else {
        out.append(contentsOf: field)
      }
    }
    out.append(contentsOf: [0x0D, 0x0A])
  }
  return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 1 else { return 0 }
  let chunkSize = 16 + Int(data[0])
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  guard let rows = records(bytes, chunkSize: chunkSize) else { return 0 }
  // A file of one empty field per line reads back as blank lines, which the reader skips; and a
  // leading BOM-like field could merge with a written BOM. Compare what the writer can express.
  let expressible = rows.filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }.map(\.fields)
  if expressible.first?.first?.starts(with: [0xEF, 0xBB, 0xBF]) == true { return 0 }
  let again = serialise(expressible)
  guard let reread = records(again, chunkSize: 16 + (chunkSize * 7) % 256) else {
    fatalError("the re-serialised CSV does not parse: \(again)")
  }
  let rereadFields = reread.map(\.fields)
  if rereadFields != expressible {
    fatalError("rows differ after re-serialising: \(expressible) became \(rereadFields)")
  }
  return 0
}
