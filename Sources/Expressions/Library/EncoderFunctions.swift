import Foundation

/// CEL's encoders extension: `base64.encode(bytes) -> string` and
/// `base64.decode(string) -> bytes` (padding optional when decoding).
///
/// ```
/// base64.encode(b'hello') == 'aGVsbG8='
/// ```
enum EncoderFunctions {
  static let all: [Function] = [
    Function(
      "base64.encode", .global, arities: [1], check: signatures([([.bytes], .string)]),
      .unary { value in
        guard case .bytes(let bytes) = value else {
          throw EvaluationError.noOverload("base64.encode", [value])
        }
        return .string(Data(bytes).base64EncodedString())
      }),
    Function(
      "base64.decode", .global, arities: [1], check: signatures([([.string], .bytes)]),
      .unary { value in
        guard case .string(let text) = value else {
          throw EvaluationError.noOverload("base64.decode", [value])
        }
        var padded = text
        if padded.utf8.count % 4 != 0 {
          padded += String(repeating: "=", count: 4 - padded.utf8.count % 4)
        }
        guard let data = Data(base64Encoded: padded) else {
          throw EvaluationError(
            .invalidArgument,
            "base64.decode: \(Format.quote(String(text.prefix(40)))) is not valid base64")
        }
        return .bytes(Array(data))
      }),
  ]
}
