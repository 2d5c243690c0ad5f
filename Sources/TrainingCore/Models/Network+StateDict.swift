import Foundation

extension Network {
    /// The whole state as PyTorch's `model.state_dict()`: parameters, and for every batch
    /// norm `running_mean`, `running_var` (float32) and `num_batches_tracked` (int64 scalar).
    public func stateDict(metadata: [String: String] = [:]) -> SafeTensors {
        var file = SafeTensors(metadata: metadata)
        for parameter in parameters {
            file.set(parameter.name, parameter.value)
        }
        for norm in batchNorms {
            file.set(norm.name + ".running_mean", norm.runningMean)
            file.set(norm.name + ".running_var", norm.runningVariance)
            file.set(norm.name + ".num_batches_tracked", int64s: [norm.numBatchesTracked], shape: [])
        }
        return file
    }

    /// Loads a state strictly: every tensor of the model must be present with its shape and
    /// dtype, and the file may hold nothing else. Nothing changes unless all checks pass.
    public func load(_ file: SafeTensors, prefix: String = "") throws {
        var expected: [String: [Int]] = [:]
        for parameter in parameters {
            expected[parameter.name] = parameter.value.shape
        }
        for norm in batchNorms {
            expected[norm.name + ".running_mean"] = [norm.channels]
            expected[norm.name + ".running_var"] = [norm.channels]
            expected[norm.name + ".num_batches_tracked"] = []
        }

        let available = Set(file.names.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
        let unexpected = available.subtracting(expected.keys).sorted().map { prefix + $0 }
        let missing = Set(expected.keys).subtracting(available).sorted().map { prefix + $0 }
        switch (missing.count, unexpected.count) {
        case (0, 0): break
        case (1, 0): throw CheckpointError.missingTensor(name: missing[0])
        case (0, _): throw CheckpointError.unexpectedTensors(names: unexpected)
        case (_, 0): throw CheckpointError.missingTensors(names: missing)
        default: throw CheckpointError.mismatchedState(missing: missing, unexpected: unexpected)
        }
        for name in expected.keys.sorted() {
            let entry = try file.entry(prefix + name)
            guard entry.shape == expected[name]! else {
                throw CheckpointError.wrongShape(name: prefix + name, expected: expected[name]!, actual: entry.shape)
            }
            let wantedType: SafeTensors.DType = name.hasSuffix(".num_batches_tracked") ? .int64 : .float32
            guard entry.dtype == wantedType else {
                throw CheckpointError.wrongDType(name: prefix + name, expected: wantedType.rawValue,
                                                 actual: entry.dtype.rawValue)
            }
        }

        for parameter in parameters {
            parameter.value = try file.tensor(prefix + parameter.name)
        }
        for norm in batchNorms {
            norm.runningMean = try file.tensor(prefix + norm.name + ".running_mean")
            norm.runningVariance = try file.tensor(prefix + norm.name + ".running_var")
            norm.numBatchesTracked = try file.int64s(prefix + norm.name + ".num_batches_tracked")[0]
        }
    }
}

extension Network {
    /// The class count of a state's final layer (`fc` for ResNet and WRN, `classifier` for
    /// VGG), or nil when it has neither.
    public static func classCount(inState file: SafeTensors) -> Int? {
        for name in ["fc.bias", "classifier.bias"] {
            if let entry = file.entries[name], entry.shape.count == 1 {
                return entry.shape[0]
            }
        }
        return nil
    }
}
