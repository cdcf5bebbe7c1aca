// swift-tools-version: 6.0
// An application that depends on swift-esx by path, as a user's package depends on it by URL.
import PackageDescription

let package = Package(
    name: "ListVMs",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-esx", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ListVMs",
            dependencies: [
                .product(name: "ESX", package: "swift-esx"),
                .product(name: "VI", package: "swift-esx"),
            ]
        ),
    ]
)
