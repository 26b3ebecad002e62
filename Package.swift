// swift-tools-version: 6.2
import PackageDescription

/// Our own targets treat every warning as an error; dependencies are left alone.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "safetycode",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "safetycode", targets: ["safetycode"]),
        .library(name: "SafetyCodeCore", targets: ["SafetyCodeCore"]),
        .library(name: "SafetyCodeServer", targets: ["SafetyCodeServer"]),
    ],
    // Pinned exactly: Package.resolved is not committed, and the reports are checked byte for byte,
    // so a fresh clone must build with the same versions.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // Hummingbird's own transport, named for the workbench's channel handlers (request-head
        // deadline and size limit); the versions Hummingbird 2.28.1 resolves to here.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // What Swift's Glibc module leaves out: mallopt, for batch runs on several cores
        // (Allocator.swift), and sync_file_range, for the JSON Lines file (JSONL.swift).
        .systemLibrary(name: "CGlibcExtras", path: "Sources/CGlibcExtras"),
        .target(
            name: "YAMLTree",
            dependencies: ["CLibYAML"],
            // The tree builder mutates its frame stack for every event; the dynamic exclusivity
            // checks on that class property cost about a tenth of the loader's time in release builds.
            swiftSettings: strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "SafetyCodeCore",
            dependencies: ["YAMLTree", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "SafetyCodeReports",
            dependencies: ["SafetyCodeCore", .product(name: "Mustache", package: "swift-mustache"),
                           .target(name: "CGlibcExtras", condition: .when(platforms: [.linux]))],
            swiftSettings: strict
        ),
        .target(
            name: "SafetyCodeServer",
            dependencies: [
                "SafetyCodeCore", "SafetyCodeReports", "YAMLTree",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "safetycode",
            dependencies: [
                "YAMLTree", "SafetyCodeCore", "SafetyCodeReports", "SafetyCodeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "safetycode-bench",
            dependencies: ["YAMLTree", "CLibYAML", "SafetyCodeCore", "SafetyCodeReports"],
            path: "Benchmarks/bench",
            swiftSettings: strict
        ),
        .target(
            name: "SafetyCodeFuzz",
            dependencies: ["YAMLTree", "SafetyCodeCore", "SafetyCodeReports"],
            swiftSettings: strict
        ),
        .executableTarget(name: "fuzz-yaml", dependencies: ["SafetyCodeFuzz"], path: "Fuzz/fuzz-yaml", swiftSettings: strict),
        .executableTarget(name: "fuzz-expression", dependencies: ["SafetyCodeFuzz"], path: "Fuzz/fuzz-expression", swiftSettings: strict),
        .executableTarget(name: "fuzz-submission", dependencies: ["SafetyCodeFuzz"], path: "Fuzz/fuzz-submission", swiftSettings: strict),
        .executableTarget(name: "fuzz-diff", dependencies: ["SafetyCodeFuzz"], path: "Fuzz/fuzz-diff", swiftSettings: strict),
        .executableTarget(name: "fuzz-render", dependencies: ["SafetyCodeFuzz"], path: "Fuzz/fuzz-render", swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["YAMLTree"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SafetyCodeReportsTests",
            dependencies: ["SafetyCodeCore", "SafetyCodeReports", "YAMLTree", "SafetyCodeFuzz", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafetyCodeServerTests",
            dependencies: [
                "SafetyCodeServer", "SafetyCodeCore", "SafetyCodeReports", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SafetyCodeCoreTests",
            dependencies: ["SafetyCodeCore", "SafetyCodeReports", "TestSupport"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
