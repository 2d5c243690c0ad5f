/// One subcommand of the `atsbench` tool.
protocol Command {
    /// The word after `atsbench` that selects this command.
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    /// Parses `arguments`, does the work and prints the results.
    static func run(_ arguments: inout Arguments) throws
}
