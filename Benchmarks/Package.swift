// swift-tools-version:6.0
import PackageDescription

// Benchmarks of the Mind engine, kept out of the root package so that `swift test` never builds
// them. Run: swift run -c release --package-path Benchmarks MindBench
let package = Package(
    name: "ParleyBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Parley", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "MindBench",
            dependencies: [.product(name: "ParleyMind", package: "Parley")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
