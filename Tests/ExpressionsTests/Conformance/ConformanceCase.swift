import CuesheetTesting
import Foundation
import Testing

@testable import Expressions

/// One case of the CEL conformance suite (see `../shared/conformance/cel/README.md` and
/// `../shared/conformance/cel-extensions/README.md`).
struct ConformanceCase: Sendable, CustomTestStringConvertible {
  /// The folder under the conformance directory: `cel` or `cel-extensions`.
  let folder: String
  let file: String
  let index: Int
  let section: String
  let name: String
  let expr: String
  let disableCheck: Bool
  let bindings: [String: Value]
  let typeEnv: [String: String]
  /// nil means an error is expected.
  let expected: Value?

  /// The stable key used in known-failures.txt: `file#index`.
  var key: String { "\(file)#\(index)" }
  var testDescription: String { "\(file)#\(index) \(section)/\(name): \(expr.prefix(60))" }

  /// The conformance directory: `$CUESHEET_CONFORMANCE_DIR`, else `../shared/conformance`
  /// relative to the package root.
  static var directory: URL { PackageRoot.conformance }

  /// A folder of conformance files and what it must hold: under `CI=true` a missing folder, a
  /// missing file or fewer cases than expected fail the suite instead of skipping it.
  struct Folder: Sendable {
    let name: String
    let expectedFiles: Set<String>
    let expectedCases: Int
  }

  /// The CEL core files and the extension files (see each folder's README).
  static let folders: [Folder] = [
    Folder(
      name: "cel",
      expectedFiles: [
        "basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists",
        "logic", "macros", "math_ext", "parse", "plumbing", "string", "string_ext", "timestamps",
      ], expectedCases: 1_492),
    Folder(
      name: "cel-extensions",
      expectedFiles: [
        "bindings_ext", "block_ext", "encoders_ext", "macros2", "namespace", "network_ext",
        "optionals",
      ], expectedCases: 212),
  ]

  /// Files every case of which must pass (known failures are allowed only elsewhere).
  static let requiredFiles: Set<String> = [
    "basic", "logic", "comparisons", "integer_math", "fp_math", "string", "lists", "macros",
    "conversions", "fields", "plumbing", "optionals", "macros2", "bindings_ext", "block_ext",
    "encoders_ext", "namespace", "network_ext",
  ]

  /// Every case of every file of every folder (a folder that is absent contributes nothing).
  static var all: [ConformanceCase] { loaded.cases }
  /// Files that exist but are not a conformance file (unreadable, not JSON, no `tests` array):
  /// `folder/file.json: reason`. Each one fails the suite, with or without `CI=true`.
  static var broken: [String] { loaded.broken }

  private static let loaded: (cases: [ConformanceCase], broken: [String]) = {
    var cases: [ConformanceCase] = []
    var broken: [String] = []
    for folder in folders { load(folder.name, into: &cases, broken: &broken) }
    return (cases, broken)
  }()

  /// Appends the cases of one folder (nothing when the folder is absent) and its broken files.
  static func load(
    _ folderName: String, into cases: inout [ConformanceCase], broken: inout [String]
  ) {
    let folder = directory.appendingPathComponent(folderName)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return
    }
    for fileName in names.sorted() where fileName.hasSuffix(".json") {
      let file = String(fileName.dropLast(5))
      let tests: [[String: Any]]
      do {
        let data = try Data(contentsOf: folder.appendingPathComponent(fileName))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
          let array = root["tests"] as? [[String: Any]]
        else {
          broken.append("\(folderName)/\(fileName): not an object with a \"tests\" array")
          continue
        }
        tests = array
      } catch {
        broken.append("\(folderName)/\(fileName): \(error.localizedDescription)")
        continue
      }
      for (index, test) in tests.enumerated() {
        let expect = test["expect"] as? [String: Any] ?? [:]
        var bindings: [String: Value] = [:]
        for (name, encoded) in test["bindings"] as? [String: Any] ?? [:] {
          bindings[name] = decode(encoded)
        }
        cases.append(
          ConformanceCase(
            folder: folderName, file: file, index: index,
            section: test["section"] as? String ?? "", name: test["name"] as? String ?? "",
            expr: test["expr"] as? String ?? "",
            disableCheck: test["disable_check"] as? Bool ?? false, bindings: bindings,
            typeEnv: test["type_env"] as? [String: String] ?? [:],
            expected: expect["value"].map(decode)))
      }
    }
  }

  /// Decodes the README's VALUE encoding.
  static func decode(_ encoded: Any) -> Value {
    guard let object = encoded as? [String: Any], let (kind, payload) = object.first else {
      return .null
    }
    switch kind {
    case "int": return .int(Int64(payload as? String ?? "") ?? 0)
    case "uint": return .uint(UInt64(payload as? String ?? "") ?? 0)
    case "double":
      if let text = payload as? String {
        switch text {
        case "NaN": return .double(.nan)
        case "Infinity": return .double(.infinity)
        default: return .double(-.infinity)
        }
      }
      return .double((payload as? NSNumber)?.doubleValue ?? 0)
    case "string": return .string(payload as? String ?? "")
    case "bytes": return .bytes(Array(Data(base64Encoded: payload as? String ?? "") ?? Data()))
    case "bool": return .bool((payload as? NSNumber)?.boolValue ?? false)
    case "null": return .null
    case "list": return .list((payload as? [Any] ?? []).map(decode))
    case "map":
      let pairs = (payload as? [[Any]] ?? []).map { (MapKey(decode($0[0]))!, decode($0[1])) }
      return .map(MapValue(pairs))
    case "type": return .type(TypeValue(name: payload as? String ?? ""))
    case "timestamp": return .timestamp(CELTimestamp.parse(payload as? String ?? "")!)
    case "duration": return .duration(CELDuration.parse(payload as? String ?? "")!)
    default: return .null
    }
  }

  /// Runs the case: the value, or nil when compiling or evaluating failed.
  ///
  /// - Parameter typed: compile with typed (unboxed) closures, or with boxed values only.
  func run(typed: Bool = true) -> Value? {
    var options = ExpressionOptions()
    options.typeCheck = !disableCheck
    options.typedCompilation = typed
    var environment = Environment(options: options)
    for (name, typeName) in typeEnv.sorted(by: { $0.key < $1.key }) {
      environment.declareVariable(name, CELType.parse(typeName) ?? .dyn)
    }
    for name in bindings.keys.sorted() where typeEnv[name] == nil {
      environment.declareVariable(name, .dyn)
    }
    guard let program = try? Expression.compile(expr, in: environment) else { return nil }
    var activation = environment.makeActivation()
    for (name, value) in bindings { try? activation.bind(name, value) }
    return try? program.evaluate(activation)
  }

  /// True when the case behaves as the suite expects.
  func passes(typed: Bool = true) -> Bool {
    let result = run(typed: typed)
    guard let expected else { return result == nil }
    guard let result else { return false }
    return Self.exactlyEqual(result, expected)
  }

  /// Equality that also requires the same kinds (1 ≠ 1u), with NaN matching NaN.
  static func exactlyEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)):
      return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign) || x == y
    case (.int(let x), .int(let y)): return x == y
    case (.uint(let x), .uint(let y)): return x == y
    case (.list(let x), .list(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { exactlyEqual($0, $1) }
    case (.map(let x), .map(let y)):
      guard x.count == y.count else { return false }
      for key in x.keys {
        guard let other = y[key], let mine = x[key], exactlyEqual(mine, other) else { return false }
      }
      return true
    case (.int, _), (.uint, _), (.double, _), (_, .int), (_, .uint), (_, .double): return false
    default: return Operators.equals(a, b)
    }
  }
}
