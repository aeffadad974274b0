import Hummingbird

/// The bytes of an upload's file as its body streams in: the body as it is, or the file part of a
/// multipart body, with the upload's size cap checked on every chunk.
///
/// An error (413 over the cap, 400 for a malformed multipart body) ends the sequence and is kept
/// in ``State/failure``, so the receiver reports it as it was thrown whatever the file writer
/// wraps it in.
struct UploadBytes: AsyncSequence {
  typealias Element = ByteBuffer

  let body: RequestBody
  let state: State

  /// What the sequence has seen so far; used by one task at a time (the upload's).
  final class State: @unchecked Sendable {
    let maxBytes: Int
    let tooLarge: APIError
    private(set) var extractor: MultipartExtractor?
    private(set) var failure: Error?
    private var total = 0

    init(maxBytes: Int, extractor: MultipartExtractor?, tooLarge: APIError) {
      self.maxBytes = maxBytes
      self.extractor = extractor
      self.tooLarge = tooLarge
    }

    /// The file bytes of one chunk of body.
    func feed(_ chunk: ByteBuffer) throws -> ByteBuffer {
      try failing {
        total += chunk.readableBytes
        if total > maxBytes { throw tooLarge }
        guard extractor != nil else { return chunk }
        var out = ByteBuffer()
        do {
          try extractor!.feed(chunk.readableBytesView) { out.writeBytes($0) }
        } catch let failure as MultipartExtractor.Failure {
          throw APIError.badRequest(failure.description)
        }
        return out
      }
    }

    /// The file bytes held back until the body ended (a multipart body's last bytes).
    func finish() throws -> ByteBuffer {
      try failing {
        guard extractor != nil else { return ByteBuffer() }
        var out = ByteBuffer()
        do {
          try extractor!.finish { out.writeBytes($0) }
        } catch {
          throw APIError.badRequest(
            "The multipart body is malformed: it ends before its closing boundary.")
        }
        return out
      }
    }

    private func failing<T>(_ body: () throws -> T) throws -> T {
      do {
        return try body()
      } catch {
        failure = error
        throw error
      }
    }
  }

  struct AsyncIterator: AsyncIteratorProtocol {
    var base: RequestBody.AsyncIterator
    let state: State
    var ended = false

    mutating func next() async throws -> ByteBuffer? {
      while !ended {
        guard let chunk = try await base.next() else {
          ended = true
          let tail = try state.finish()
          return tail.readableBytes > 0 ? tail : nil
        }
        let bytes = try state.feed(chunk)
        if bytes.readableBytes > 0 { return bytes }
      }
      return nil
    }
  }

  func makeAsyncIterator() -> AsyncIterator {
    AsyncIterator(base: body.makeAsyncIterator(), state: state)
  }
}
