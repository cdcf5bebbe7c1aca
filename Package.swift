// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-esx",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vi-gen", targets: ["vi-gen"]),
        .executable(name: "esx", targets: ["esx"]),
        .executable(name: "esx-bench", targets: ["esx-bench"]),
        .library(name: "VIRuntime", targets: ["VIRuntime"]),
        .library(name: "VI", targets: ["VI"]),
        .library(name: "VIFull", targets: ["VIFull"]),
        .library(name: "ESX", targets: ["ESX"]),
        .library(name: "VMX", targets: ["VMX"]),
        .plugin(name: "GenerateVIBindings", targets: ["GenerateVIBindings"]),
        .plugin(name: "VIGenBuildPlugin", targets: ["VIGenBuildPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),  // LogHandler.log(event:)
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),  // make docs
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // OpenSSL certificate check for thumbprint pinning (libcurl's OpenSSL backend)
        .target(
            name: "CTLSPin",
            path: "Sources/CTLSPin",
            linkerSettings: [
                .linkedLibrary("ssl", .when(platforms: [.linux])),
                .linkedLibrary("crypto", .when(platforms: [.linux])),
                .linkedLibrary("curl"),
            ]
        ),
        .systemLibrary(
            name: "CESXSupport",
            path: "Sources/CESXSupport"
        ),

        // MARK: Generator (never imports the runtime)
        .executableTarget(
            name: "vi-gen",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser"), "FuzzSupport"],
            path: "Generator"
        ),

        // MARK: Generator plugins (swift package generate-vi-bindings; VIGenBuildPlugin at build time)
        .plugin(
            name: "GenerateVIBindings",
            capability: .command(
                intent: .custom(
                    verb: "generate-vi-bindings",
                    description: "Generate Swift bindings with vi-gen from an esx_vi_generator.input schema."),
                permissions: [.writeToPackageDirectory(reason: "vi-gen writes the generated Swift sources.")]
            ),
            dependencies: ["vi-gen"],
            path: "Plugins/GenerateVIBindings"
        ),
        .plugin(
            name: "VIGenBuildPlugin",
            capability: .buildTool(),
            dependencies: ["vi-gen"],
            path: "Plugins/VIGenBuildPlugin"
        ),

        // MARK: Fuzz targets (Scripts/fuzz.sh builds them with libFuzzer; plain builds replay corpora)
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-uri", dependencies: ["ESX", "FuzzSupport"], path: "Fuzz/fuzz-uri"),
        .executableTarget(name: "fuzz-vmx", dependencies: ["VMX", "FuzzSupport"], path: "Fuzz/fuzz-vmx"),
        .executableTarget(name: "fuzz-soap", dependencies: ["VI", "FuzzSupport"], path: "Fuzz/fuzz-soap"),

        // MARK: Runtime, bindings, driver
        .target(
            name: "VIRuntime",
            dependencies: ["CLibXML2", "CCurl", "CTLSPin", .product(name: "Logging", package: "swift-log")],
            path: "Sources/VIRuntime"
        ),
        .target(
            name: "VI",
            dependencies: ["VIRuntime"],
            path: "Sources/VI"
        ),
        .target(
            name: "VIFull",
            dependencies: ["VI"],
            path: "Sources/VIFull"
        ),
        .target(
            name: "ESX",
            dependencies: ["VI", "VMX", "CESXSupport", .product(name: "Logging", package: "swift-log")],
            path: "Sources/ESX"
        ),
        .target(
            name: "VMX",
            dependencies: ["CLibXML2"],
            path: "Sources/VMX"
        ),
        .target(
            name: "CWidth",
            path: "Sources/CWidth"
        ),
        .target(
            name: "ESXTerminal",
            dependencies: ["CWidth"],
            path: "Sources/ESXTerminal"
        ),
        .executableTarget(
            name: "esx",
            dependencies: [
                "ESX", "VI", "ESXTerminal", "VMX", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/esx"
        ),
        .executableTarget(
            name: "esx-bench",
            dependencies: [
                "VI", "ESX", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/esx-bench"
        ),

        // MARK: Tests
        .target(
            name: "SimulatorSupport",
            path: "Tests/SimulatorSupport"
        ),
        .testTarget(
            name: "VIGenTests",
            dependencies: ["vi-gen"],
            path: "Tests/VIGenTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GoldenCorpusTests",
            dependencies: ["VIRuntime"],
            path: "Tests/GoldenCorpusTests"
        ),
        .testTarget(
            name: "VIRuntimeTests",
            dependencies: ["VIRuntime", "VI"],
            path: "Tests/VIRuntimeTests"
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["VI", "VIFull", "VIRuntime", "SimulatorSupport"],
            path: "Tests/IntegrationTests"
        ),
        .testTarget(
            name: "VIFullTests",
            dependencies: ["VI", "VIFull"],
            path: "Tests/VIFullTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "VMXTests",
            dependencies: ["VMX"],
            path: "Tests/VMXTests"
        ),
        .testTarget(
            name: "DocumentationTests",
            dependencies: ["ESX", "VI", "VIRuntime"],
            path: "Tests/DocumentationTests"
        ),
        .testTarget(
            name: "ESXTests",
            dependencies: ["ESX", "ESXTerminal", "VI", "VMX", "SimulatorSupport"],
            path: "Tests/ESXTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
