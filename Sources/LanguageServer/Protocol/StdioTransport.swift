import Foundation

/// Connects a ``LanguageServer`` to a pair of file descriptors (stdin and stdout for
/// `cuesheet lsp`): reads framed messages one at a time, handles each, writes the replies.
public enum StdioTransport {
  /// Serves until the `exit` notification or the end of input; returns the exit code (0 after
  /// `shutdown` then `exit`, 1 otherwise). Framing errors end the session with exit code 1;
  /// malformed JSON in a well-framed message gets a parse error and the session goes on.
  public static func run(
    server: LanguageServer = LanguageServer(), input: FileHandle = .standardInput,
    output: FileHandle = .standardOutput, log: (String) -> Void = { _ in }
  ) -> Int32 {
    var framer = MessageFramer()
    func send(_ message: JSON) {
      output.write(MessageFramer.frame(message.encoded()))
    }
    while true {
      do {
        while let body = try framer.next() {
          let message: JSON
          do {
            message = try JSON.decode(body)
          } catch {
            send(
              LanguageServer.error(
                id: nil, code: LanguageServer.ErrorCode.parseError, "the message is not JSON"))
            continue
          }
          for reply in server.handle(message) { send(reply) }
          if let code = server.exitCode { return code }
        }
      } catch {
        log("cuesheet lsp: \(error)")
        return 1
      }
      let chunk = input.availableData
      if chunk.isEmpty { return server.exitCode ?? 1 }
      framer.append(chunk)
    }
  }
}
