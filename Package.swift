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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "YAMLTree", dependencies: ["CLibYAML"], swiftSettings: strict),
        .target(name: "SafetyCodeCore", dependencies: ["YAMLTree"], swiftSettings: strict),
        .target(name: "SafetyCodeReports", dependencies: ["SafetyCodeCore"], swiftSettings: strict),
        .executableTarget(
            name: "safetycode",
            dependencies: [
                "SafetyCodeCore", "SafetyCodeReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "yaml-bench", dependencies: ["YAMLTree", "CLibYAML"], path: "Benchmarks/yaml-bench",
                          swiftSettings: strict),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree"], swiftSettings: strict),
        .testTarget(
            name: "SafetyCodeCoreTests",
            dependencies: ["SafetyCodeCore", "SafetyCodeReports"],
            resources: [],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
