// swift-tools-version:6.0
// atsbench: knowledge distillation with Asymmetric Temperature Scaling, reproduced on the CPU.
// Depends on the toolchain and Debian's C libraries only (see README for the packages).
import PackageDescription

let package = Package(
    name: "atsbench",
    products: [
        .executable(name: "atsbench", targets: ["atsbench"]),
        .library(name: "TrainingCore", targets: ["TrainingCore"]),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas"),
        .systemLibrary(name: "CZlib"),
        .systemLibrary(name: "CGSL"),
        .systemLibrary(name: "CPNG"),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo"),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CSQLite"),

        .target(name: "TrainingCore", dependencies: ["CBLAS", "CZlib", "CMalloc", "ImageIO"]),
        .target(name: "Statistics", dependencies: ["CGSL"]),
        .target(name: "Experiments", dependencies: ["TrainingCore", "CSQLite"]),
        .target(name: "ImageIO", dependencies: ["CPNG"]),
        .target(name: "Plotting", dependencies: ["CCairo", "ImageIO"]),
        .target(name: "Reports", dependencies: ["Statistics", "Plotting", "Experiments"]),
        .executableTarget(name: "atsbench", dependencies: ["TrainingCore", "Statistics", "Experiments", "Reports"]),
        .executableTarget(name: "atsbench-benchmark", dependencies: ["TrainingCore"],
                          path: "benchmarks/TrainingBenchmark"),

        .testTarget(
            name: "TrainingCoreTests",
            dependencies: ["TrainingCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Reports"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["ReferenceScripts"]),
        .target(name: "PNGTestSupport", dependencies: ["ImageIO"], path: "Tests/PNGTestSupport"),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "PNGTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PlottingTests",
            dependencies: ["Plotting", "ImageIO", "PNGTestSupport"],
            resources: [.copy("Golden")]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"], exclude: ["ReferenceScripts"]),
    ],
    swiftLanguageModes: [.v5]
)
