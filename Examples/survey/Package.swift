// swift-tools-version:6.0
import PackageDescription

// A survey task on Parley: its worlds in SurveyTasks, a `survey` executable that is a whole
// Parley with them added, and tests on Parley's world test kit.
let package = Package(
    name: "Survey",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Parley by path (this repository); elsewhere: .package(url: "https://.../parley.git", from: "...").
        .package(name: "Parley", path: "../.."),
    ],
    targets: [
        .target(
            name: "SurveyTasks",
            dependencies: [
                .product(name: "ParleyCore", package: "Parley"),
                .product(name: "ParleyWorlds", package: "Parley"),
                .product(name: "ParleyTasks", package: "Parley"),
            ]
        ),
        .executableTarget(
            name: "survey",
            dependencies: ["SurveyTasks", .product(name: "ParleyCLI", package: "Parley")]
        ),
        .testTarget(
            name: "SurveyTasksTests",
            dependencies: ["SurveyTasks", .product(name: "ParleyTesting", package: "Parley")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
