// swift-tools-version:6.0
import PackageDescription

// A chat service of your own on Parley: people texting through an SMS gateway. The service in
// SMSGateway, an `sms-parley` executable that is a whole Parley with it added, and tests.
let package = Package(
    name: "SMSGateway",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Parley by path (this repository); elsewhere: .package(url: "https://.../parley.git", from: "...").
        .package(name: "Parley", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "SMSGateway",
            dependencies: [
                .product(name: "ParleyCore", package: "Parley"),
                .product(name: "ParleyWorlds", package: "Parley"),
                .product(name: "ParleyServer", package: "Parley"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "sms-parley",
            dependencies: ["SMSGateway", .product(name: "ParleyCLI", package: "Parley")]
        ),
        .testTarget(
            name: "SMSGatewayTests",
            dependencies: [
                "SMSGateway",
                .product(name: "ParleyTasks", package: "Parley"),
                .product(name: "ParleyStore", package: "Parley"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
