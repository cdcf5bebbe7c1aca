// swift-tools-version: 6.0
// "My own bindings": a user's subset of vim25, generated at build time by swift-esx's build plugin.
import PackageDescription

let package = Package(
    name: "CustomSubset",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-esx", path: "../.."),
    ],
    targets: [
        // Inventory.input is this target's schema; the plugin compiles it into module Inventory.
        .target(
            name: "Inventory",
            dependencies: [.product(name: "VIRuntime", package: "swift-esx")],
            plugins: [.plugin(name: "VIGenBuildPlugin", package: "swift-esx")]
        ),
        .executableTarget(
            name: "CustomSubset",
            dependencies: ["Inventory", .product(name: "VIRuntime", package: "swift-esx")]
        ),
    ]
)
