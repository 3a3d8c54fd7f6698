// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "claims",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "claims", targets: ["claims"]),
        .library(name: "ClaimsCore", targets: ["ClaimsCore"]),
        .library(name: "ClaimsStore", targets: ["ClaimsStore"]),
        .library(name: "ClaimsCLI", targets: ["ClaimsCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure domain: value types, invariants, scoring. Foundation only, no I/O.
        .target(name: "ClaimsCore"),
        // The versioned SQLite store. One database type, whole transactional operations.
        .target(
            name: "ClaimsStore",
            dependencies: ["ClaimsCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Every command, as a library that tests can run in-process.
        .target(
            name: "ClaimsCLI",
            dependencies: [
                "ClaimsCore", "ClaimsStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The thin executable.
        .executableTarget(name: "claims", dependencies: ["ClaimsCLI"]),
        // Regenerates cli-docs/ and the embedded copy of schema/ (see README).
        .executableTarget(name: "claims-generate", dependencies: ["ClaimsCLI"]),
        // Builds databases of synthetic claims and times `claims` on them (see BENCHMARKS.md).
        .executableTarget(name: "claims-bench", dependencies: ["ClaimsCore", "ClaimsStore"]),
        // libFuzzer harnesses, built only with --sanitize=fuzzer (Tests/Fuzz/README.md).
        .executableTarget(name: "fuzz-time-phrases", dependencies: ["ClaimsCore"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "fuzz-claim-file", dependencies: ["ClaimsCLI"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .testTarget(name: "ClaimsCoreTests", dependencies: ["ClaimsCore"]),
        .testTarget(name: "ClaimsStoreTests", dependencies: ["ClaimsStore", "ClaimsCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ClaimsCLITests", dependencies: ["ClaimsCLI", "ClaimsStore", "ClaimsCore", "claims", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
