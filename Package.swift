// swift-tools-version: 6.1
import PackageDescription

/// Cuesheet: a rules and reporting engine for a podcast advertising network.
///
/// Modules depend one way (see docs/architecture.md):
/// Diagnostics ← Expressions ← Rules ; Store ← Ingest, Pipeline, Matchmaking, Reports ;
/// Application (the use cases) on those ; the adapters (CLI, Server) on Application.
let package = Package(
  name: "Cuesheet",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "cuesheet", targets: ["cuesheet"]),
    .executable(name: "cuesheet-bench", targets: ["CuesheetBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
  ],
  targets: [
    // MARK: - Libraries
    .target(name: "Diagnostics"),
    .target(name: "Expressions", dependencies: ["Diagnostics"]),
    .target(name: "Rules", dependencies: ["Expressions", "Diagnostics"]),
    .target(
      name: "Matchmaking",
      dependencies: [
        "Rules", "Expressions", "Store", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .target(
      name: "Store",
      dependencies: [
        "Diagnostics", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .target(
      name: "Ingest",
      dependencies: [
        "Diagnostics", "Store", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .target(
      name: "Pipeline",
      dependencies: ["Diagnostics", "Store", .product(name: "GRDB", package: "GRDB.swift")]),
    // The avails forecast and arithmetic: pure functions over values read by Application.
    .target(name: "Avails", dependencies: ["Diagnostics", "Store", "Pipeline"]),
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .target(
      name: "Reports",
      dependencies: [
        "CCmark", "Diagnostics", "Expressions", "Store",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // The use cases every front end calls (import, IO documents, gated match recalculation, pair
    // explanation, events, flags, tokens) and the JSON shapes they answer with.
    .target(
      name: "Application",
      dependencies: [
        "Diagnostics", "Expressions", "Rules", "Store", "Ingest", "Pipeline", "Reports",
        "Matchmaking", "Avails",
      ]),

    // The language server for rule files (`cuesheet lsp`): JSON-RPC over stdio, diagnostics,
    // completion, hover, navigation, formatting.
    .target(
      name: "LanguageServer", dependencies: ["Rules", "Expressions", "Reports", "Diagnostics"]),

    // MARK: - Adapters (parse → request → use case → render; no SQL, no GRDB)
    .target(
      name: "Server",
      dependencies: [
        "Diagnostics", "Expressions", "Rules", "Store", "Ingest", "Pipeline", "Reports",
        "Matchmaking",
        "Application", "Avails",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]),
    .target(
      name: "CuesheetCLI",
      dependencies: [
        "Diagnostics", "Expressions", "Rules", "Store", "Ingest", "Pipeline", "Reports",
        "Matchmaking", "Application", "Server", "Avails", "LanguageServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Executables
    .executableTarget(
      name: "cuesheet",
      dependencies: [
        "CuesheetCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "CuesheetBench",
      dependencies: [
        "Expressions", "Rules", "Store", "Ingest", "Pipeline", "Reports", "Matchmaking",
        "Application", "Avails", "LanguageServer",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests
    // Shared test support: the package root, temporary migrated databases and their dumps, golden
    // files (one record switch), marked sources, host tools (HostTools).
    .target(
      name: "CuesheetTesting",
      dependencies: ["Diagnostics", "Store", .product(name: "GRDB", package: "GRDB.swift")],
      path: "Tests/CuesheetTesting"),
    .testTarget(
      name: "ApplicationTests",
      dependencies: [
        "Application", "CuesheetTesting", "Store", "Ingest", "Rules", "Matchmaking", "Reports",
        "Avails", "Pipeline", "Expressions", "Diagnostics",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(
      name: "ExpressionsTests", dependencies: ["Expressions", "Diagnostics", "CuesheetTesting"]),
    .testTarget(
      name: "RulesTests", dependencies: ["Rules", "Expressions", "Diagnostics", "CuesheetTesting"]),
    .testTarget(
      name: "LanguageServerTests",
      dependencies: ["LanguageServer", "Rules", "Expressions", "Diagnostics", "CuesheetTesting"]),
    .testTarget(
      name: "MatchmakingTests",
      dependencies: [
        "Matchmaking", "Rules", "Store", "CuesheetTesting",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "CuesheetTesting"]),
    .testTarget(name: "AvailsTests", dependencies: ["Avails", "Pipeline", "Store"]),
    .testTarget(name: "IngestTests", dependencies: ["Ingest", "Store", "CuesheetTesting"]),
    .testTarget(
      name: "PipelineTests",
      dependencies: [
        "Pipeline", "Store", "CuesheetTesting", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "CuesheetCLITests",
      dependencies: [
        "CuesheetCLI", "Server", "Application", "Diagnostics", "Expressions", "Rules", "Store",
        "Ingest", "Pipeline", "Reports", "Matchmaking", "Avails", "CuesheetTesting",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "Store", "Ingest", "Rules", "CuesheetTesting",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(
      name: "ReportsTests",
      dependencies: [
        "Reports", "Store", "Expressions", "CuesheetTesting",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
