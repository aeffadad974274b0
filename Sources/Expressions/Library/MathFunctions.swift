/// The math extension: `math.greatest`, `math.least`, `math.abs`, … and bit operations.
enum MathFunctions {
  static let all: [Function] = []
}
