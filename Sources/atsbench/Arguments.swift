/// The command-line arguments of one subcommand, consumed option by option.
///
/// Accepts `--name value`, `--name=value` and boolean `--flag`. Every option may have
/// aliases, so the original scripts' snake_case names (`--n_classes`) work beside the
/// kebab-case ones (`--classes`). Whatever is left unconsumed is an error.
struct Arguments {
    private var tokens: [String]
    /// Options already removed, so that a repeated one is reported as repeated, not unknown.
    private var consumedNames: [String] = []
    let command: String

    init(command: String, tokens: [String]) {
        self.command = command
        self.tokens = tokens
    }

    var isHelpRequested: Bool {
        tokens.contains("--help") || tokens.contains("-h")
    }

    /// Removes and returns the value of the first option named by `names`, or nil.
    mutating func value(_ names: String...) throws -> String? {
        try takeValue(names)?.value
    }

    /// Removes and returns a required option's value.
    mutating func required(_ names: String...) throws -> String {
        guard let taken = try takeValue(names) else {
            throw CommandLineError.missingOption(command: command, option: names[0])
        }
        return taken.value
    }

    // Errors name the option as the user typed it, the original scripts' alias included.
    mutating func integer(_ names: String...) throws -> Int? {
        guard let (name, text) = try takeValue(names) else { return nil }
        guard let value = Int(text) else {
            throw CommandLineError.invalidValue(option: name, value: text, expected: "an integer")
        }
        return value
    }

    mutating func double(_ names: String...) throws -> Double? {
        guard let (name, text) = try takeValue(names) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw CommandLineError.invalidValue(option: name, value: text, expected: "a finite number")
        }
        return value
    }

    /// Removes a boolean flag; `--flag`, `--flag true` and `--flag=True` are true.
    mutating func flag(_ names: String...) throws -> Bool {
        for (index, token) in tokens.enumerated() {
            for name in names {
                if token == name {
                    tokens.remove(at: index)
                    consumedNames.append(name)
                    if index < tokens.count, let parsed = Self.parseBool(tokens[index]) {
                        tokens.remove(at: index)
                        return parsed
                    }
                    return true
                }
                if token.hasPrefix(name + "=") {
                    let text = String(token.dropFirst(name.count + 1))
                    tokens.remove(at: index)
                    consumedNames.append(name)
                    guard let parsed = Self.parseBool(text) else {
                        throw CommandLineError.invalidValue(option: name, value: text, expected: "true or false")
                    }
                    return parsed
                }
            }
        }
        return false
    }

    /// Removes and returns the next token that does not start with `--`.
    mutating func positional(_ name: String) throws -> String {
        guard let index = tokens.firstIndex(where: { !$0.hasPrefix("--") }) else {
            throw CommandLineError.missingOption(command: command, option: name)
        }
        return tokens.remove(at: index)
    }

    /// Throws if any token was not consumed.
    func finish() throws {
        if let first = tokens.first {
            let name = String(first.prefix { $0 != "=" })
            if consumedNames.contains(name) {
                throw CommandLineError.repeatedOption(command: command, option: name)
            }
            throw CommandLineError.unknownOption(command: command, option: first)
        }
    }

    /// Removes the first option named by `names` and returns the name it used and its value.
    private mutating func takeValue(_ names: [String]) throws -> (name: String, value: String)? {
        for (index, token) in tokens.enumerated() {
            for name in names {
                if token == name {
                    guard index + 1 < tokens.count else {
                        throw CommandLineError.missingValue(option: name)
                    }
                    let value = tokens[index + 1]
                    tokens.removeSubrange(index...(index + 1))
                    consumedNames.append(name)
                    return (name, value)
                }
                if token.hasPrefix(name + "=") {
                    tokens.remove(at: index)
                    consumedNames.append(name)
                    return (name, String(token.dropFirst(name.count + 1)))
                }
            }
        }
        return nil
    }

    private static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }
}

enum CommandLineError: Error, CustomStringConvertible {
    case missingOption(command: String, option: String)
    case missingValue(option: String)
    case unknownOption(command: String, option: String)
    case repeatedOption(command: String, option: String)
    case invalidValue(option: String, value: String, expected: String)
    case unknownCommand(String)

    var description: String {
        switch self {
        case .missingOption(let command, let option):
            return "atsbench \(command): missing required \(option); see 'atsbench \(command) --help'"
        case .missingValue(let option):
            return "option \(option) needs a value"
        case .unknownOption(let command, let option):
            return "atsbench \(command): unknown option or argument '\(option)'; see 'atsbench \(command) --help'"
        case .repeatedOption(let command, let option):
            return "atsbench \(command): option \(option) is given more than once; keep one"
        case .invalidValue(let option, let value, let expected):
            return "invalid value '\(value)' for \(option): expected \(expected)"
        case .unknownCommand(let name):
            return "unknown command '\(name)'; run 'atsbench --help' for the list of commands"
        }
    }
}
