import Foundation

/// Loads CIFAR-10 and CIFAR-100 in either distributed form: the Python version (pickled
/// dicts) or the binary version (fixed-size records). Images are `[3, 32, 32]`, stored in
/// both forms as 1024 red, then 1024 green, then 1024 blue bytes, row-major.
public enum CIFARLoader {
    public enum Variant: Sendable {
        case cifar10, cifar100

        var name: String { self == .cifar10 ? "cifar10" : "cifar100" }
        var classCount: Int { self == .cifar10 ? 10 : 100 }
        var pythonFolder: String { self == .cifar10 ? "cifar-10-batches-py" : "cifar-100-python" }
        var binaryFolder: String { self == .cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary" }
    }

    static let channels = 3
    static let side = 32
    static let imageSize = channels * side * side
    static let cifar100CoarseClassCount = 20

    /// Loads both splits from `directory/cifar-*-python` if present, else from the binary folder.
    public static func load(_ variant: Variant, directory: String) throws -> DatasetSplits {
        let root = URL(fileURLWithPath: directory)
        let pythonPath = root.appendingPathComponent(variant.pythonFolder).path
        let binaryPath = root.appendingPathComponent(variant.binaryFolder).path
        if FileManager.default.fileExists(atPath: pythonPath) {
            return try CIFARPythonReader.load(variant, folder: pythonPath)
        }
        if FileManager.default.fileExists(atPath: binaryPath) {
            return try loadBinary(variant, folder: binaryPath)
        }
        throw DataError.fileNotFound(
            path: pythonPath,
            hint: "expected \(variant.pythonFolder)/ or \(variant.binaryFolder)/ there; "
                + "pass --download to fetch the archive or --data-dir to point at a copy")
    }

    // MARK: Binary version

    /// Reads the binary version: each record is the label byte (CIFAR-100: coarse, then fine
    /// label) followed by the 3072 pixel bytes.
    static func loadBinary(_ variant: Variant, folder: String) throws -> DatasetSplits {
        let path = { (name: String) in URL(fileURLWithPath: folder).appendingPathComponent(name).path }
        switch variant {
        case .cifar10:
            let classNames = try readNameList(path("batches.meta.txt"), expectedCount: 10)
            let trainFiles = (1...5).map { path("data_batch_\($0).bin") }
            return DatasetSplits(
                train: try readBinary(variant, split: "train", files: trainFiles, classNames: classNames),
                test: try readBinary(variant, split: "test", files: [path("test_batch.bin")], classNames: classNames))
        case .cifar100:
            let classNames = try readNameList(path("fine_label_names.txt"), expectedCount: 100)
            let coarseNames = try readNameList(path("coarse_label_names.txt"), expectedCount: cifar100CoarseClassCount)
            return DatasetSplits(
                train: try readBinary(variant, split: "train", files: [path("train.bin")],
                                      classNames: classNames, coarseNames: coarseNames),
                test: try readBinary(variant, split: "test", files: [path("test.bin")],
                                     classNames: classNames, coarseNames: coarseNames))
        }
    }

    private static func readBinary(
        _ variant: Variant, split: String, files: [String], classNames: [String], coarseNames: [String]? = nil
    ) throws -> Dataset {
        let labelBytes = variant == .cifar10 ? 1 : 2
        let recordSize = labelBytes + imageSize
        var pixels = [UInt8]()
        var labels = [Int]()
        var coarseLabels = [Int]()
        for file in files {
            let bytes = try readFile(file)
            guard !bytes.isEmpty, bytes.count % recordSize == 0 else {
                let whole = bytes.count / recordSize
                throw DataError.truncated(
                    file: file, expectedBytes: (whole + 1) * recordSize, actualBytes: bytes.count)
            }
            for record in 0..<(bytes.count / recordSize) {
                let start = record * recordSize
                let label = Int(bytes[start + labelBytes - 1])
                guard label < variant.classCount else {
                    throw DataError.labelOutOfRange(
                        file: file, index: record, label: label, classCount: variant.classCount)
                }
                if variant == .cifar100 {
                    let coarse = Int(bytes[start])
                    guard coarse < cifar100CoarseClassCount else {
                        throw DataError.labelOutOfRange(
                            file: file, index: record, label: coarse, classCount: cifar100CoarseClassCount)
                    }
                    coarseLabels.append(coarse)
                }
                labels.append(label)
                pixels.append(contentsOf: bytes[(start + labelBytes)..<(start + recordSize)])
            }
        }
        return Dataset(
            name: variant.name, split: split, channels: channels, height: side, width: side,
            pixels: pixels, labels: labels, classNames: classNames,
            coarseLabels: coarseNames == nil ? nil : coarseLabels, coarseClassNames: coarseNames)
    }

    /// Reads a class-name file of the binary version: one name per line, blank lines ignored.
    private static func readNameList(_ path: String, expectedCount: Int) throws -> [String] {
        let text = String(decoding: try readFile(path), as: UTF8.self)
        let names = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard names.count == expectedCount else {
            throw DataError.countMismatch(file: path, expected: expectedCount, actual: "\(names.count) class names")
        }
        return names
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError.fileNotFound(path: path, hint: "the CIFAR folder is incomplete; download it again")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadableFile(path: path, reason: "permission denied or not a regular file")
        }
        return [UInt8](data)
    }
}
