import Foundation
import Testing
import TrainingCore

@Suite struct DataImageFolderTests {
    @Test func loadsTrainAndTestFolders() throws {
        let splits = try DatasetSource.named("folder", directory: dataFixture("folder")).load()
        #expect(splits.train.classNames == ["cat", "dog"])
        #expect(splits.train.count == 4)
        #expect(splits.test.count == 2)
        #expect(splits.train.labels == [0, 0, 1, 1])
        #expect(splits.train.imageShape == [3, 2, 3])
        // dog/1.png has value 50 + channel in every pixel, stored planar: 6 x 50, 6 x 51, 6 x 52.
        let last = Array(splits.train.pixels.suffix(18))
        #expect(last == [UInt8](repeating: 50, count: 6) + [UInt8](repeating: 51, count: 6)
            + [UInt8](repeating: 52, count: 6))
    }

    @Test func grayConversionKeepsOneChannel() throws {
        let splits = try ImageFolderLoader.load(directory: dataFixture("folder"), channels: 1)
        #expect(splits.train.imageShape == [1, 2, 3])
    }

    @Test func sizeMismatchNamesFileAndShape() {
        let error = capturedDataError { _ = try ImageFolderLoader.load(directory: dataFixture("folder-mismatch")) }
        #expect(error == .shapeMismatch(file: dataFixture("folder-mismatch/cat/b.png"), expected: [3, 2, 3],
                                        actual: [3, 4, 4]))
    }

    @Test func corruptPNGNamesFile() throws {
        let root = try makeTemporaryDirectory()
        let classFolder = root.appendingPathComponent("cat")
        try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
        let path = classFolder.appendingPathComponent("broken.png")
        try writeBytes(Array("not a png".utf8), to: path)
        let error = capturedDataError { _ = try ImageFolderLoader.load(directory: root.path) }
        guard case .unreadableFile(let file, let reason) = error else {
            Issue.record("expected unreadable file, got \(String(describing: error))")
            return
        }
        #expect(file == path.path)
        #expect(reason.contains("PNG"))
    }
}
