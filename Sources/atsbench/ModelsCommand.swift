import TrainingCore

/// `atsbench models`: every preset with its parameter count and forward cost.
struct ModelsCommand: Command {
    static let name = "models"
    static let summary = "list the model presets with parameters and multiply-accumulates"
    static let help = """
        usage: atsbench models [--classes C] [--in-channels K] [--width W] [--size S] [--format table|csv|json]

        Lists every model preset with its parameter count and forward multiply-accumulates
        per image, for the given head and input.

        options:
          --classes C        classes of the final layer (default 100)
          --in-channels K    input channels (default 3)
          --width W          channel multiplier; a layer of c channels gets max(1, round(c * W)) (default 1)
          --size S           input height and width in pixels, at least 8 (default 32)
          --format F         table (default), csv or json
        """

    static func run(_ arguments: inout Arguments) throws {
        let classes = try arguments.integer("--classes", "--n_classes") ?? 100
        let inChannels = try arguments.integer("--in-channels") ?? 3
        let width = try arguments.double("--width") ?? 1
        let size = try arguments.integer("--size") ?? 32
        let format = try arguments.outputFormat()
        try arguments.finish()

        let executor = Executor(threadCount: 1)
        var table = OutputTable(columns: ["model", "parameters", "macs_per_image"])
        for preset in ModelConfiguration.presetNames {
            let configuration = try ModelConfiguration(name: preset, width: width, inChannels: inChannels,
                                                       classes: classes)
            var generator = SeededGenerator(seed: 0, stream: "init")
            let network = try Network(configuration: configuration, inputHeight: size, inputWidth: size,
                                      executor: executor, generator: &generator)
            table.rows.append([.text(configuration.displayName), .integer(network.parameterCount),
                               .integer(network.multiplyAccumulatesPerImage)])
        }
        if format == .table {
            print("input \(inChannels)x\(size)x\(size), \(classes) classes")
        }
        print(table.render(format))
    }
}
