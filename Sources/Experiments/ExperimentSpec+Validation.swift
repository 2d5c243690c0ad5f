import Foundation
import TrainingCore

extension ExperimentSpec {
    public static let methodKinds = ["ce", "ts", "ats", "ats-grid"]

    /// Checks every field; the error names the first invalid one by its path.
    public func validate(source: String) throws {
        func fail(_ field: String, _ message: String) -> ExperimentsError {
            .invalidSpec(file: source, field: field, message: message)
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw fail("name", "must be non-empty letters, digits, '.', '_' or '-', got '\(name)'")
        }

        guard DatasetSource.names.contains(dataset.name.lowercased()) else {
            throw fail("dataset.name", "unknown data set '\(dataset.name)'; valid: "
                       + DatasetSource.names.joined(separator: ", "))
        }
        for (field, rule) in [("dataset.train_subset", dataset.trainSubset), ("dataset.test_subset", dataset.testSubset)] {
            if let rule, DatasetSubset(rule: rule, seed: 0) == nil {
                throw fail(field, "expected \(DatasetSubset.ruleSyntax), got '\(rule)'")
            }
        }
        if let synthetic = dataset.synthetic {
            for (field, value) in [("train_size", synthetic.trainSize), ("test_size", synthetic.testSize),
                                   ("classes", synthetic.classes), ("superclasses", synthetic.superclasses)] {
                if let value, value < 1 { throw fail("dataset.synthetic.\(field)", "must be >= 1, got \(value)") }
            }
            if let shape = synthetic.shape, SyntheticDataset.shape(parsing: shape) == nil {
                throw fail("dataset.synthetic.shape", "expected CxHxW such as 3x32x32, got '\(shape)'")
            }
        }

        try validateTraining(fail)
        guard !teachers.isEmpty else { throw fail("teachers", "needs at least one teacher") }
        var labels = Set<String>()
        for (index, teacher) in teachers.enumerated() {
            let field = "teachers[\(index)]"
            guard !teacher.label.isEmpty, labels.insert(teacher.label).inserted else {
                throw fail(field + ".label", "must be non-empty and unique, got '\(teacher.label)'")
            }
            try Self.validateModel(teacher.model, width: teacher.width, field: field, fail)
            if let epochs = teacher.epochs, epochs < 1 { throw fail(field + ".epochs", "must be >= 1, got \(epochs)") }
            if let lr = teacher.lr, !(lr > 0) { throw fail(field + ".lr", "must be > 0, got \(lr)") }
            if let schedule = teacher.schedule, (try? LearningRateSchedule(parsing: schedule)) == nil {
                throw fail(field + ".schedule", "expected wskd, cosine, constant or step:M1,M2[:GAMMA], got '\(schedule)'")
            }
            if let seeds = teacher.seeds {
                try Self.validateSeedList(seeds, field: field + ".seeds", fail)
            }
        }
        try Self.validateModel(student.model, width: student.width, field: "student", fail)
        try validateMethods(fail)

        if let lamb, !(0...1).contains(lamb) { throw fail("lamb", "must be in [0, 1], got \(lamb)") }
        if let sTau, !(sTau > 0) { throw fail("s_tau", "must be > 0, got \(sTau)") }
        switch seeds {
        case .list(let list): try Self.validateSeedList(list, field: "seeds", fail)
        case .file(let path) where path.isEmpty: throw fail("seeds", "the seed file path is empty")
        case .random(let count) where count < 1: throw fail("seeds.random", "must be >= 1, got \(count)")
        default: break
        }
        if let claim = claims?.std, !(claim > 0) { throw fail("claims.std", "must be > 0, got \(claim)") }
        if let sweep = discriminability {
            guard !sweep.taus.isEmpty else { throw fail("discriminability.taus", "needs at least one temperature") }
            for (index, tau) in sweep.taus.enumerated() where !(tau > 0) {
                throw fail("discriminability.taus[\(index)]", "must be > 0, got \(tau)")
            }
            if let ratio = sweep.atsRatio, ratio.count != 2 || !ratio.allSatisfy({ $0 > 0 }) {
                throw fail("discriminability.ats_ratio", "expected two ratios > 0, got \(ratio)")
            }
        }
    }

    private func validateTraining(_ fail: (String, String) -> ExperimentsError) throws {
        guard training.epochs >= 1 else { throw fail("training.epochs", "must be >= 1, got \(training.epochs)") }
        if let lr = training.lr, !(lr > 0) { throw fail("training.lr", "must be > 0, got \(lr)") }
        if let momentum = training.momentum, !(0..<1).contains(momentum) {
            throw fail("training.momentum", "must be in [0, 1), got \(momentum)")
        }
        if let decay = training.weightDecay, !(decay >= 0) {
            throw fail("training.weight_decay", "must be >= 0, got \(decay)")
        }
        if let batch = training.batchSize, batch < 1 { throw fail("training.batch_size", "must be >= 1, got \(batch)") }
        if let schedule = training.schedule, (try? LearningRateSchedule(parsing: schedule)) == nil {
            throw fail("training.schedule", "expected wskd, cosine, constant or step:M1,M2[:GAMMA], got '\(schedule)'")
        }
    }

    private func validateMethods(_ fail: (String, String) -> ExperimentsError) throws {
        guard !methods.isEmpty else { throw fail("methods", "needs at least one method") }
        for (index, method) in methods.enumerated() {
            let field = "methods[\(index)]"
            func positive(_ value: Double?, _ name: String) throws {
                guard let value else { throw fail("\(field).\(name)", "missing for kind '\(method.kind)'") }
                guard value > 0, value.isFinite else { throw fail("\(field).\(name)", "must be > 0, got \(value)") }
            }
            switch method.kind {
            case "ce":
                break
            case "ts":
                try positive(method.tau, "tau")
            case "ats":
                try positive(method.tpTau, "tp_tau")
                try positive(method.tTau, "t_tau")
            case "ats-grid":
                for (name, list) in [("tp_taus", method.tpTaus), ("t_taus", method.tTaus)] {
                    guard let list, !list.isEmpty else { throw fail("\(field).\(name)", "needs at least one value") }
                    for (position, value) in list.enumerated() where !(value > 0) {
                        throw fail("\(field).\(name)[\(position)]", "must be > 0, got \(value)")
                    }
                }
            default:
                throw fail(field + ".kind", "unknown method '\(method.kind)'; valid: "
                           + Self.methodKinds.joined(separator: ", "))
            }
        }
    }

    private static func validateModel(_ model: String, width: Double?, field: String,
                                      _ fail: (String, String) -> ExperimentsError) throws {
        do {
            _ = try ModelConfiguration(name: model, width: width ?? 1, classes: 10)
        } catch let error as ModelError {
            switch error {
            case .invalidWidth: throw fail(field + ".width", error.description)
            default: throw fail(field + ".model", error.description)
            }
        }
    }

    static func validateSeedList(_ seeds: [Int], field: String, _ fail: (String, String) -> ExperimentsError) throws {
        guard !seeds.isEmpty else { throw fail(field, "needs at least one seed") }
        for (index, seed) in seeds.enumerated() where seed < 0 {
            throw fail("\(field)[\(index)]", "must be >= 0, got \(seed)")
        }
        var seen = Set<Int>()
        for (index, seed) in seeds.enumerated() where !seen.insert(seed).inserted {
            throw fail("\(field)[\(index)]", "duplicate seed \(seed)")
        }
    }

    /// Resolves the study's seeds: the list, the file's lines, or `count` draws from the system.
    /// `specPath` locates a relative seed file: the current directory first, then the spec's
    /// folder and its parent.
    public func resolveSeeds(specPath: String, draw: () throws -> UInt64) throws -> [UInt64] {
        switch seeds {
        case .list(let list):
            return list.map { UInt64($0) }
        case .random(let count):
            return try (0..<count).map { _ in try draw() }
        case .file(let path):
            let specFolder = URL(fileURLWithPath: specPath).deletingLastPathComponent()
            let candidates = [URL(fileURLWithPath: path), specFolder.appendingPathComponent(path),
                              specFolder.deletingLastPathComponent().appendingPathComponent(path)]
            guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ExperimentsError.invalidSpec(file: specPath, field: "seeds",
                                                   message: "seed file '\(path)' not found")
            }
            var seeds: [Int] = []
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard let seed = Int(trimmed) else {
                    throw ExperimentsError.invalidSpec(file: url.path, field: "line \(number + 1)",
                                                       message: "'\(trimmed)' is not an integer seed")
                }
                seeds.append(seed)
            }
            try Self.validateSeedList(seeds, field: "seeds") { field, message in
                .invalidSpec(file: url.path, field: field, message: message)
            }
            return seeds.map { UInt64($0) }
        }
    }
}
