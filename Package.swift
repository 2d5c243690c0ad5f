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
        .systemLibrary(name: "CPNG"),

        .target(name: "ImageIO", dependencies: ["CPNG"]),
        .target(name: "TrainingCore", dependencies: ["CBLAS", "CZlib", "ImageIO"]),
        .executableTarget(name: "atsbench", dependencies: ["TrainingCore"]),

        .testTarget(
            name: "ImageIOTests",
            dependencies: ["ImageIO"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TrainingCoreTests",
            dependencies: ["TrainingCore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
