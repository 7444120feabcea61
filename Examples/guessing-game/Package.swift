// swift-tools-version:6.0
import PackageDescription

// A two-person guessing game hosted by a mind, on Parley: the world in GuessingGame, a
// `guessing-game` executable that is a whole Parley with it added, and tests.
let package = Package(
    name: "GuessingGame",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Parley by path (this repository); elsewhere: .package(url: "https://.../parley.git", from: "...").
        .package(name: "Parley", path: "../.."),
    ],
    targets: [
        .target(
            name: "GuessingGame",
            dependencies: [
                .product(name: "ParleyCore", package: "Parley"),
                .product(name: "ParleyWorlds", package: "Parley"),
                .product(name: "ParleyTasks", package: "Parley"),
            ]
        ),
        .executableTarget(
            name: "guessing-game",
            dependencies: ["GuessingGame", .product(name: "ParleyCLI", package: "Parley")]
        ),
        .testTarget(
            name: "GuessingGameTests",
            dependencies: ["GuessingGame", .product(name: "ParleyTesting", package: "Parley")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
