import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plain TCP connection to the loopback server, for tests that must misbehave like an attacker:
/// connect and send nothing (or half a request), then see whether the server hangs up.
final class RawConnection: @unchecked Sendable {
  let descriptor: Int32

  init(port: Int) throws {
    #if canImport(Glibc)
      descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw Failure(what: "socket", code: errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      close(descriptor)
      throw Failure(what: "connect", code: code)
    }
  }

  deinit { close(descriptor) }

  struct Failure: Error, CustomStringConvertible {
    let what: String
    let code: Int32
    var description: String { "\(what) failed: errno \(code)" }
  }

  /// Sends text.
  func send(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { buffer in
      #if canImport(Glibc)
        Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
      #else
        Darwin.send(descriptor, buffer.baseAddress, buffer.count, 0)
      #endif
    }
  }

  /// True once the server has closed the connection (a read returns end of file or a reset),
  /// waiting at most `seconds`.
  func isClosedByServer(within seconds: Double) -> Bool {
    readUntilClosed(within: seconds).closed
  }

  /// What the server sent until it closed the connection, waiting at most `seconds`.
  func readUntilClosed(within seconds: Double) -> (closed: Bool, text: String) {
    var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    let deadline = Date().addingTimeInterval(seconds)
    var buffer = [UInt8](repeating: 0, count: 4096)
    var received: [UInt8] = []
    while Date() < deadline {
      let remaining = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
      let ready = poll(&pollDescriptor, 1, remaining)
      if ready <= 0 { continue }
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count <= 0 { return (true, String(decoding: received, as: UTF8.self)) }
      received += buffer[..<count]
    }
    return (false, String(decoding: received, as: UTF8.self))
  }

  /// `GET path` on a fresh connection (`Connection: close`): the whole response, or "" when the
  /// server did not answer and close within `seconds`.
  static func get(_ path: String, port: Int, within seconds: Double = 60) async throws -> String {
    let connection = try RawConnection(port: port)
    connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    let (closed, text) = await offThePool { connection.readUntilClosed(within: seconds) }
    return closed ? text : ""
  }
}

/// Runs a blocking wait (a socket poll) on a dispatch thread, so that the cooperative threads stay
/// free for the server under test, which answers from them.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(returning: body()) }
  }
}
