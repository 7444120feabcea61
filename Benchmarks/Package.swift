// swift-tools-version:6.0
import PackageDescription

// Benchmarks of the Mind engine, kept out of the root package so that `swift test` never builds
// them. Run: swift run -c release --package-path Benchmarks MindBench
let package = Package(
    name: "ParleyBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Parley", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
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
        // Webhook-to-reply latency and memory per idle person of Telegram or Slack, through a fake
        // platform API: swift run -c release ServiceBench telegram|slack [RATE] [SECONDS] [PEOPLE] [IDLE]
        .executableTarget(
            name: "ServiceBench",
            dependencies: [
                "BenchSupport",
                .product(name: "ParleyCore", package: "Parley"),
                .product(name: "ParleyServer", package: "Parley"),
                .product(name: "ParleyWorlds", package: "Parley"),
                .product(name: "ParleyStore", package: "Parley"),
                .product(name: "ParleyTasks", package: "Parley"),
                .product(name: "ParleyTelegram", package: "Parley"),
                .product(name: "ParleySlack", package: "Parley"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
