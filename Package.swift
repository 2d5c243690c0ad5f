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
        .systemLibrary(name: "CMalloc"),

        .target(name: "TrainingCore", dependencies: ["CBLAS", "CZlib", "CMalloc"]),
        .target(name: "Statistics", dependencies: ["CGSL"]),
        .executableTarget(name: "atsbench", dependencies: ["TrainingCore", "Statistics"]),
        .executableTarget(name: "atsbench-benchmark", dependencies: ["TrainingCore"],
                          path: "benchmarks/TrainingBenchmark"),

        .testTarget(
            name: "TrainingCoreTests",
            dependencies: ["TrainingCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["ReferenceScripts"]),
    ],
    swiftLanguageModes: [.v5]
)
