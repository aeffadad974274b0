import Foundation
import Testing

@testable import LanguageServer

@Suite("JSON-RPC framing")
struct MessageFramerTests {
  @Test("messages split across chunks and back to back are read whole, in order")
  func chunks() throws {
    let one = MessageFramer.frame(Data(#"{"jsonrpc":"2.0","id":1,"method":"a"}"#.utf8))
    let two = MessageFramer.frame(Data(#"{"jsonrpc":"2.0","method":"é"}"#.utf8))
    let stream = [UInt8](one + two)
    for chunkSize in [1, 3, 17, stream.count] {
      var framer = MessageFramer()
      var bodies: [String] = []
      var index = 0
      while index < stream.count {
        framer.append(stream[index..<min(stream.count, index + chunkSize)])
        index += chunkSize
        while let body = try framer.next() { bodies.append(String(decoding: body, as: UTF8.self)) }
      }
      #expect(
        bodies == [#"{"jsonrpc":"2.0","id":1,"method":"a"}"#, #"{"jsonrpc":"2.0","method":"é"}"#])
    }
  }

  @Test("Content-Length counts bytes, not characters; other headers are ignored")
  func lengthInBytes() throws {
    var framer = MessageFramer()
    let body = #"{"x":"héllo"}"#
    framer.append(
      Array(
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: \(body.utf8.count)\r\n\r\n\(body)"
          .utf8))
    let read = try #require(try framer.next())
    #expect(String(decoding: read, as: UTF8.self) == body)
    #expect(try framer.next() == nil)
  }

  @Test(
    "a header without Content-Length, or a bad one, is a framing error",
    arguments: [
      "Content-Type: x\r\n\r\n{}", "Content-Length: ten\r\n\r\n{}", "garbage\r\n\r\n",
    ])
  func badHeaders(_ text: String) {
    var framer = MessageFramer()
    framer.append(Array(text.utf8))
    #expect(throws: MessageFramer.FramingError.self) { try framer.next() }
  }

  @Test("JSON values round-trip with ints kept as ints")
  func json() throws {
    let value: JSON = ["id": 7, "x": 1.5, "s": "t", "a": [true, .null]]
    let decoded = try JSON.decode(value.encoded())
    #expect(decoded == value)
    #expect(String(decoding: JSON.int(7).encoded(), as: UTF8.self) == "7")
  }
}
