import Diagnostics

/// The façade of the expression language: compile once, evaluate many times.
///
/// ```swift
/// let program = try Expression.compile("show.cpm > 20 && 'tech' in show.categories", in: env)
/// let result = try program.evaluate(activation)
/// ```
public enum Expression {
  /// The outcome of compiling without throwing: a program when there were no errors, and
  /// every diagnostic (errors and warnings) in source order.
  public struct Result: Sendable {
    public let program: Program?
    public let diagnostics: [Diagnostic]
    /// The checked type, when checking succeeded.
    public var type: CELType? { program?.resultType }
  }

  /// Compiles expression text.
  ///
  /// - Parameter name: the name shown in diagnostics.
  /// - Throws: ``DiagnosticsError`` with every diagnostic when the expression has errors.
  public static func compile(_ text: String, in environment: Environment, name: String = "<expr>")
    throws -> Program
  {
    try compile(SourceFile(name: name, text: text), in: environment)
  }

  /// Compiles `range` of a file (the whole file by default); diagnostics use the file's own
  /// lines and columns, so expressions embedded in rule files point at the right place.
  ///
  /// - Throws: ``DiagnosticsError`` with every diagnostic when the expression has errors.
  public static func compile(
    _ file: SourceFile, range: SourceRange? = nil, in environment: Environment
  ) throws -> Program {
    let result = analyze(file, range: range, in: environment)
    guard let program = result.program else { throw DiagnosticsError(result.diagnostics) }
    return program
  }

  /// Parses, checks and compiles without throwing, for tools that show all diagnostics.
  public static func analyze(_ text: String, in environment: Environment, name: String = "<expr>")
    -> Result
  {
    analyze(SourceFile(name: name, text: text), in: environment)
  }

  /// Parses, checks and compiles `range` of a file without throwing.
  public static func analyze(
    _ file: SourceFile, range: SourceRange? = nil, in environment: Environment
  ) -> Result {
    let (syntax, parseDiagnostics) = Parser.parse(
      file, range: range, limits: environment.options.parserLimits)
    guard let syntax else { return Result(program: nil, diagnostics: parseDiagnostics) }
    let (checked, checkDiagnostics) = Checker.check(syntax, file: file, in: environment)
    let diagnostics = parseDiagnostics + checkDiagnostics
    guard let checked, !diagnostics.contains(where: { $0.severity == .error }) else {
      return Result(program: nil, diagnostics: diagnostics)
    }
    let program = Compiler.compile(
      checked, source: file, warnings: diagnostics, costLimit: environment.options.costLimit,
      typedCompilation: environment.options.typedCompilation)
    return Result(program: program, diagnostics: diagnostics)
  }

  /// Compiles and evaluates in one step with by-name bindings of `dyn` variables
  /// (convenient for tests and one-off evaluations; slow for repeated use).
  public static func evaluate(_ text: String, _ bindings: [String: Value] = [:]) throws -> Value {
    var environment = Environment()
    for name in bindings.keys.sorted() { environment.declareVariable(name, .dyn) }
    let program = try compile(text, in: environment)
    var activation = environment.makeActivation()
    for (name, value) in bindings { try activation.bind(name, value) }
    return try program.evaluate(activation)
  }
}
