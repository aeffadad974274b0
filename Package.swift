// swift-tools-version: 6.1
import PackageDescription

/// Cuesheet: a rules and reporting engine for a podcast advertising network.
///
/// Modules depend one way (see docs/architecture.md):
/// Diagnostics ← Expressions ← (Rules) ; Store ← Ingest, Pipeline ; CLI on top of all.
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
      name: "Presentation",
      dependencies: ["Expressions", "Rules", "Pipeline", "Matchmaking", "Store"]),
    .target(name: "Store", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "Ingest",
      dependencies: [
        "Store", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .target(
      name: "Pipeline",
      dependencies: ["Store", .product(name: "GRDB", package: "GRDB.swift")]),
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .target(
      name: "Reports",
      dependencies: [
        "CCmark", "Expressions", "Store", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(
      name: "Server",
      dependencies: [
        "Diagnostics", "Expressions", "Rules", "Store", "Ingest", "Pipeline", "Reports",
        "Matchmaking",
        "Presentation",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]),
    .target(
      name: "CuesheetCLI",
      dependencies: [
        "Diagnostics", "Expressions", "Rules", "Store", "Ingest", "Pipeline", "Reports",
        "Matchmaking",
        "Presentation", "Server",
        .product(name: "GRDB", package: "GRDB.swift"),
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
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "ExpressionsTests", dependencies: ["Expressions", "Diagnostics"]),
    .testTarget(name: "RulesTests", dependencies: ["Rules", "Expressions", "Diagnostics"]),
    .testTarget(
      name: "MatchmakingTests",
      dependencies: [
        "Matchmaking", "Rules", "Store", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(name: "StoreTests", dependencies: ["Store"]),
    .testTarget(name: "IngestTests", dependencies: ["Ingest", "Store"]),
    .testTarget(
      name: "PipelineTests",
      dependencies: ["Pipeline", "Store", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(name: "CuesheetCLITests", dependencies: ["CuesheetCLI"]),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "Store", "Ingest", "Rules",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(
      name: "ReportsTests",
      dependencies: [
        "Reports", "Store", "Expressions", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
