import Foundation
import Testing
import TrainingCore

/// Fixtures: the same images in the Python form (CIFAR-10 pickled the Python 2 way, CIFAR-100
/// re-saved by Python 3 at protocol 5) and in the binary form, from make_fixtures.py.
@Suite struct DataCIFARTests {
    /// A directory holding only `folder`, linked from the fixtures, so one form is chosen.
    func directory(with folder: String) throws -> String {
        let root = try makeTemporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(folder).path, withDestinationPath: dataFixture(folder))
        return root.path
    }

    @Test func cifar10PythonAndBinaryFormsAgree() throws {
        let python = try CIFARLoader.load(.cifar10, directory: try directory(with: "cifar-10-batches-py"))
        let binary = try CIFARLoader.load(.cifar10, directory: try directory(with: "cifar-10-batches-bin"))
        #expect(python.train == binary.train)
        #expect(python.test == binary.test)
        #expect(python.train.count == 10)
        #expect(python.test.count == 3)
        #expect(python.train.imageShape == [3, 32, 32])
        #expect(python.train.classNames.first == "airplane")
        #expect(python.train.classNames.count == 10)
    }

    @Test func cifar100PythonAndBinaryFormsAgree() throws {
        let python = try CIFARLoader.load(.cifar100, directory: try directory(with: "cifar-100-python"))
        let binary = try CIFARLoader.load(.cifar100, directory: try directory(with: "cifar-100-binary"))
        #expect(python.train == binary.train)
        #expect(python.test == binary.test)
        #expect(python.train.count == 4)
        #expect(python.train.classCount == 100)
        #expect(python.train.coarseClassNames?.count == 20)
        #expect(python.train.coarseLabels == python.train.labels.map { $0 / 5 })
    }

    @Test func pixelsKeepFileOrder() throws {
        let binary = try CIFARLoader.load(.cifar10, directory: try directory(with: "cifar-10-batches-bin"))
        let record = try readBytes(dataFixture("cifar-10-batches-bin/data_batch_1.bin"))
        #expect(Array(binary.train.pixels.prefix(3072)) == Array(record[1..<3073]))
        #expect(binary.train.labels[0] == Int(record[0]))
    }

    @Test func missingFolderSuggestsDownload() throws {
        let root = try makeTemporaryDirectory().path
        let error = capturedDataError { _ = try CIFARLoader.load(.cifar100, directory: root) }
        guard case .fileNotFound(let path, let hint) = error else {
            Issue.record("expected file not found, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("cifar-100-python"))
        #expect(hint.contains("--download"))
    }

    /// Copies the binary CIFAR-10 fixture and lets `damage` change one file.
    func damagedBinaryCopy(_ file: String, _ damage: ([UInt8]) -> [UInt8]) throws -> (root: String, path: String) {
        let root = try makeTemporaryDirectory()
        let folder = root.appendingPathComponent("cifar-10-batches-bin")
        try FileManager.default.copyItem(atPath: dataFixture("cifar-10-batches-bin"), toPath: folder.path)
        let path = folder.appendingPathComponent(file).path
        try writeBytes(damage(try readBytes(path)), to: URL(fileURLWithPath: path))
        return (root.path, path)
    }

    @Test func truncatedBinaryBatchNamesFile() throws {
        let copy = try damagedBinaryCopy("data_batch_3.bin") { Array($0.dropLast(100)) }
        let error = capturedDataError { _ = try CIFARLoader.load(.cifar10, directory: copy.root) }
        #expect(error == .truncated(file: copy.path, expectedBytes: 2 * 3073, actualBytes: 2 * 3073 - 100))
    }

    @Test func binaryLabelOutOfRangeNamesRecord() throws {
        let copy = try damagedBinaryCopy("test_batch.bin") { bytes in
            var changed = bytes
            changed[3073] = 10
            return changed
        }
        let error = capturedDataError { _ = try CIFARLoader.load(.cifar10, directory: copy.root) }
        #expect(error == .labelOutOfRange(file: copy.path, index: 1, label: 10, classCount: 10))
    }

    @Test func wrongClassNameCountNamesFile() throws {
        let copy = try damagedBinaryCopy("batches.meta.txt") { _ in Array("cat\ndog\n".utf8) }
        let error = capturedDataError { _ = try CIFARLoader.load(.cifar10, directory: copy.root) }
        #expect(error == .countMismatch(file: copy.path, expected: 10, actual: "2 class names"))
    }

    @Test func pickleWithoutFineLabelsNamesFile() throws {
        // A CIFAR-10 batch in place of the CIFAR-100 train pickle has "labels" but no "fine_labels".
        let root = try makeTemporaryDirectory()
        let folder = root.appendingPathComponent("cifar-100-python")
        try FileManager.default.copyItem(atPath: dataFixture("cifar-100-python"), toPath: folder.path)
        let trainPath = folder.appendingPathComponent("train").path
        try FileManager.default.removeItem(atPath: trainPath)
        try FileManager.default.copyItem(atPath: dataFixture("cifar-10-batches-py/test_batch"), toPath: trainPath)
        let error = capturedDataError { _ = try CIFARLoader.load(.cifar100, directory: root.path) }
        guard case .invalidContent(let file, let expected, _) = error else {
            Issue.record("expected invalid content, got \(String(describing: error))")
            return
        }
        #expect(file == trainPath)
        #expect(expected.contains("fine_labels"))
    }
}
