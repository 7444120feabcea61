// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyCore", targets: ["ParleyCore"]),
        .library(name: "ParleyMind", targets: ["ParleyMind"]),
        .library(name: "ParleyImport", targets: ["ParleyImport"]),
        .library(name: "ParleyWorlds", targets: ["ParleyWorlds"]),
        .library(name: "ParleyBots", targets: ["ParleyBots"]),
        .library(name: "ParleyStore", targets: ["ParleyStore"]),
        .library(name: "ParleyServer", targets: ["ParleyServer"]),
        .library(name: "ParleyTelegram", targets: ["ParleyTelegram"]),
        .library(name: "ParleySlack", targets: ["ParleySlack"]),
        .library(name: "ParleyTasks", targets: ["ParleyTasks"]),
        .library(name: "ParleyCLI", targets: ["ParleyCLI"]),
        .library(name: "ParleyTesting", targets: ["ParleyTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
    ],
    targets: [
        .target(name: "ParleyCore", swiftSettings: swiftSettings),
        .target(
            name: "ParleyMind",
            dependencies: ["ParleyCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "ParleyImport", dependencies: ["ParleyCore"], swiftSettings: swiftSettings),
        .target(
            name: "ParleyStore",
            dependencies: [
                "ParleyCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyWorlds",
            dependencies: [
                "ParleyCore", "ParleyStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyBots",
            dependencies: [
                "ParleyCore", "ParleyMind", "ParleyStore", "ParleyWorlds",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyTasks",
            dependencies: ["ParleyWorlds", "ParleyBots"],
            exclude: ["Resources"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyCore", "ParleyMind", "ParleyStore", "ParleyWorlds",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
            ],
            exclude: ["Resources"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyTelegram",
            dependencies: [
                "ParleyCore", "ParleyStore", "ParleyWorlds", "ParleyServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleySlack",
            dependencies: [
                "ParleyCore", "ParleyStore", "ParleyWorlds", "ParleyServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyCLI",
            dependencies: [
                "ParleyCore", "ParleyMind", "ParleyImport", "ParleyStore", "ParleyWorlds", "ParleyTasks", "ParleyServer",
                "ParleyTelegram", "ParleySlack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "parley", dependencies: ["ParleyCLI", "ParleyTasks"], swiftSettings: swiftSettings),
        .target(name: "ParleyTesting", dependencies: ["ParleyCore", "ParleyWorlds", "ParleyStore"], swiftSettings: swiftSettings),
        .target(
            name: "ParleyTestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/ParleyTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ParleyCoreTests", dependencies: ["ParleyCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ParleyMindTests", dependencies: ["ParleyMind"], swiftSettings: swiftSettings),
        .testTarget(name: "ParleyImportTests", dependencies: ["ParleyImport", "ParleyMind"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ParleyStoreTests",
            dependencies: [
                "ParleyStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyWorldsTests", dependencies: ["ParleyWorlds", "ParleyStore", "ParleyTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyBotsTests",
            dependencies: [
                "ParleyBots", "ParleyMind", "ParleyWorlds", "ParleyTasks", "ParleyStore", "ParleyServer", "ParleyTesting", "ParleyTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyTasksTests", dependencies: ["ParleyTasks", "ParleyWorlds", "ParleyStore", "ParleyTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyTelegramTests",
            dependencies: [
                "ParleyTelegram", "ParleyServer", "ParleyWorlds", "ParleyTasks", "ParleyStore", "ParleyTestSupport", "ParleyCLI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleySlackTests",
            dependencies: [
                "ParleySlack", "ParleyServer", "ParleyWorlds", "ParleyTasks", "ParleyStore", "ParleyTestSupport", "ParleyCLI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer", "ParleyWorlds", "ParleyTasks", "ParleyStore", "ParleyTesting", "ParleyTestSupport", "ParleyCLI",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
