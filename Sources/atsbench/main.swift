import Foundation
import TrainingCore

/// Every subcommand, in the order `atsbench --help` lists them.
let commands: [any Command.Type] = [
    ModelsCommand.self,
    LogitsCommand.self,
    DataCommand.self,
    ClassifyCommand.self,
    DistillCommand.self,
    DiscriminabilityCommand.self,
    PlanCommand.self,
    RunCommand.self,
    TrialCommand.self,
    StatusCommand.self,
    ExportCommand.self,
    CollectCommand.self,
    ReportCommand.self,
    DemoCommand.self,
    StatsCommand.self,
]

func printUsage() {
    print("usage: atsbench COMMAND [OPTIONS]\n\ncommands:")
    let width = (commands.map { $0.name.count }.max() ?? 0) + 2
    for command in commands {
        print("  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
    }
    print("\nRun 'atsbench COMMAND --help' for a command's options.")
}

func standardError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

let tokens = Array(CommandLine.arguments.dropFirst())
guard let name = tokens.first, name != "--help", name != "-h" else {
    printUsage()
    exit(tokens.isEmpty ? 2 : 0)
}
guard let command = commands.first(where: { $0.name == name }) else {
    standardError("error: " + CommandLineError.unknownCommand(name).description)
    exit(2)
}
var arguments = Arguments(command: name, tokens: Array(tokens.dropFirst()))
if arguments.isHelpRequested {
    print(command.help)
    exit(0)
}
do {
    try command.run(&arguments)
} catch {
    standardError("error: \(ErrorText.describe(error))")
    exit(1)
}
