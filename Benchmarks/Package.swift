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
        .target(name: "BenchSupport", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .executableTarget(
            name: "MindBench",
            dependencies: ["BenchSupport", .product(name: "ParleyMind", package: "Parley")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Load time, memory and replies per second of one mind over a corpus of conversations
        // (an imported AIML or RiveScript bot): swift run -c release ImportBench MIND CORPUS.jsonl
        .executableTarget(
            name: "ImportBench",
            dependencies: ["BenchSupport", .product(name: "ParleyMind", package: "Parley")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
