// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "claims",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "claims", targets: ["claims"]),
        .library(name: "ClaimsCore", targets: ["ClaimsCore"]),
        .library(name: "ClaimsFormats", targets: ["ClaimsFormats"]),
        .library(name: "ClaimsStore", targets: ["ClaimsStore"]),
        .library(name: "ClaimsCLI", targets: ["ClaimsCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The domain: every claim-shaped value and rule (changes, status, scoring). Foundation
        // only, no I/O.
        .target(name: "ClaimsCore"),
        // Files in and out: claim files, CSV, JSON Lines, AI-tracker files, drafts, the HTML
        // report. Depends on the domain and Yams, never on the store.
        .target(
            name: "ClaimsFormats",
            dependencies: ["ClaimsCore", .product(name: "Yams", package: "Yams")]
        ),
        // The verifiable log: SHA-256 and Ed25519 (swift-crypto), the RFC 9162 Merkle tree and its
        // proofs, C2SP checkpoints and keys, and the per-claim hash chains.
        .target(
            name: "ClaimsLog",
            dependencies: ["ClaimsCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The store: the `ClaimStore` protocol of whole operations, and its backends: SQLite
        // (through GRDB) and PostgreSQL (through PostgresNIO).
        .target(
            name: "ClaimsStore",
            dependencies: ["ClaimsCore", "ClaimsLog", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Every command, as a library that tests can run in-process: flags → domain values →
        // the store or a format → output.
        .target(
            name: "ClaimsCLI",
            dependencies: [
                "ClaimsCore", "ClaimsFormats", "ClaimsLog", "ClaimsStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The thin executable.
        .executableTarget(name: "claims", dependencies: ["ClaimsCLI"]),
        // What regenerates the derived files (the embedded schema, cli-docs/, the golden
        // drafts); not part of the shipped program.
        .target(
            name: "ClaimsGeneration",
            dependencies: ["ClaimsCLI", "ClaimsFormats", "ClaimsStore",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "claims-generate", dependencies: ["ClaimsGeneration"]),
        // Builds databases of synthetic claims and times `claims` on them (see BENCHMARKS.md).
        .executableTarget(name: "claims-bench", dependencies: ["ClaimsCore", "ClaimsLog", "ClaimsStore"]),
        // libFuzzer harnesses, built only with --sanitize=fuzzer (Tests/Fuzz/README.md).
        .executableTarget(name: "fuzz-time-phrases", dependencies: ["ClaimsCore"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "fuzz-claim-file", dependencies: ["ClaimsFormats"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .testTarget(name: "ClaimsCoreTests", dependencies: ["ClaimsCore"]),
        .testTarget(name: "ClaimsLogTests", dependencies: ["ClaimsLog", "ClaimsCore"]),
        .testTarget(name: "ClaimsFormatsTests", dependencies: ["ClaimsFormats", "ClaimsCore"]),
        .testTarget(name: "ClaimsStoreTests", dependencies: ["ClaimsStore", "ClaimsCore", "ClaimsLog", "ClaimsGeneration",
                                                              .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ClaimsCLITests", dependencies: ["ClaimsCLI", "ClaimsFormats", "ClaimsLog", "ClaimsStore", "ClaimsCore", "ClaimsGeneration", "claims",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
