import Foundation

/// `contains`, `startsWith`, `endsWith`, `matches`, and the strings extension.
enum StringFunctions {
  static let all: [Function] = []
}
