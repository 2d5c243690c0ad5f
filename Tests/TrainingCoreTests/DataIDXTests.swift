import Foundation
import Testing
import TrainingCore

@Suite struct DataIDXTests {
    static let classNames = ["a", "b", "c"]

    func load(images: String, labels: String) throws -> Dataset {
        try IDXReader.readDataset(
            name: "idx", split: "train", imagesPath: images, labelsPath: labels, classNames: Self.classNames)
    }

    @Test func rawAndGzipFilesDecodeAlike() throws {
        let raw = try load(images: dataFixture("idx/images-idx3-ubyte"), labels: dataFixture("idx/labels-idx1-ubyte"))
        let compressed = try load(
            images: dataFixture("idx/images-idx3-ubyte.gz"), labels: dataFixture("idx/labels-idx1-ubyte.gz"))
        #expect(raw == compressed)
        #expect(raw.count == 6)
        #expect(raw.imageShape == [1, 4, 4])
        #expect(raw.labels == [0, 1, 2, 0, 1, 2])
        let file = try readBytes(dataFixture("idx/images-idx3-ubyte"))
        #expect(raw.pixels == Array(file[16...]))
    }

    @Test func truncatedImageFileNamesFileAndSize() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("images").path
        let bytes = try readBytes(dataFixture("idx/images-idx3-ubyte"))
        try writeBytes(Array(bytes.dropLast(5)), to: URL(fileURLWithPath: path))
        let error = capturedDataError { _ = try IDXReader.readImages(path: path) }
        #expect(error == .truncated(file: path, expectedBytes: bytes.count, actualBytes: bytes.count - 5))
        #expect(error?.description.contains(path) == true)
    }

    @Test func truncatedGzipNamesFile() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("images.gz").path
        let bytes = try readBytes(dataFixture("idx/images-idx3-ubyte.gz"))
        try writeBytes(Array(bytes.prefix(bytes.count / 2)), to: URL(fileURLWithPath: path))
        let error = capturedDataError { _ = try IDXReader.readImages(path: path) }
        guard case .compression(let file, let reason) = error else {
            Issue.record("expected a compression error, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(reason.contains("truncated"))
    }

    @Test func wrongMagicNamesExpectedValue() throws {
        // A label file given where images are expected.
        let path = dataFixture("idx/labels-idx1-ubyte")
        let error = capturedDataError { _ = try IDXReader.readImages(path: path) }
        #expect(error == .wrongMagic(file: path, expected: "0x00000803", actual: "0x00000801"))
    }

    @Test func labelOutOfRangeNamesIndexAndRange() throws {
        let path = dataFixture("idx/labels-idx1-ubyte")
        let error = capturedDataError { _ = try IDXReader.readLabels(path: path, classCount: 2) }
        #expect(error == .labelOutOfRange(file: path, index: 2, label: 2, classCount: 2))
    }

    @Test func countMismatchNamesBothFiles() throws {
        let directory = try makeTemporaryDirectory()
        let labelsPath = directory.appendingPathComponent("labels").path
        // The header says 5 labels and 5 follow, against 6 images.
        let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 5, 0, 1, 2, 0, 1]
        try writeBytes(labels, to: URL(fileURLWithPath: labelsPath))
        let imagesPath = dataFixture("idx/images-idx3-ubyte")
        let error = capturedDataError { _ = try load(images: imagesPath, labels: labelsPath) }
        guard case .countMismatch(let file, let expected, let actual) = error else {
            Issue.record("expected a count mismatch, got \(String(describing: error))")
            return
        }
        #expect(file == labelsPath)
        #expect(expected == 6)
        #expect(actual.contains(imagesPath))
    }

    @Test func missingFileNamesPath() {
        let error = capturedDataError { _ = try DatasetSource.fashionMNIST(directory: "/nonexistent/fmnist").load() }
        guard case .fileNotFound(let path, _) = error else {
            Issue.record("expected file not found, got \(String(describing: error))")
            return
        }
        #expect(path.hasPrefix("/nonexistent/fmnist/train-images-idx3-ubyte"))
    }

    /// The real files of Debian's dataset-fashion-mnist package, which `make setup` installs.
    @Test func fashionMNISTLoadsFromDebianPackage() throws {
        let splits = try DatasetSource.named("fashion-mnist").load()
        #expect(splits.train.count == 60000)
        #expect(splits.test.count == 10000)
        #expect(splits.train.classCount == 10)
        #expect(splits.train.imageShape == [1, 28, 28])
        #expect(splits.train.classCounts == [Int](repeating: 6000, count: 10))
        #expect(splits.test.classCounts == [Int](repeating: 1000, count: 10))
        // Digests of the same bytes computed with Python's gzip and hashlib.
        #expect(splits.train.pixelDigest == "2e487a6c89124f78f2d7521542223cafe96f7123c3ca13d447772ac6ecbb3012")
        #expect(splits.train.labelDigest == "657fbd221bfc9f4198cc14b5619cc33ec57c58dd0e47af4d99d6650759e869a7")
    }
}
