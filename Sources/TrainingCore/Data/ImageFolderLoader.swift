import Foundation
import ImageIO

/// Loads a user's own images from `root/CLASS/*.png`, decoded with libpng.
///
/// Class names are the sub-folder names sorted by their Unicode scalars, and files are read
/// in the same order, so a folder always loads the same way. When `root` holds `train/` and
/// `test/` folders, each is one split with the classes of `train/`; otherwise all images
/// form the training split and the test split is empty. Every image must have the size of
/// the first one.
public enum ImageFolderLoader {
    public static func load(directory: String, channels: Int = 3) throws -> DatasetSplits {
        guard [1, 3].contains(channels) else {
            throw DataError.invalidParameter(name: "channels", value: String(channels), expected: "1 or 3")
        }
        let root = URL(fileURLWithPath: directory)
        let trainFolder = root.appendingPathComponent("train").path
        let testFolder = root.appendingPathComponent("test").path
        if isDirectory(trainFolder) && isDirectory(testFolder) {
            let classNames = try subfolders(of: trainFolder)
            return DatasetSplits(
                train: try loadSplit("train", folder: trainFolder, classNames: classNames, channels: channels),
                test: try loadSplit("test", folder: testFolder, classNames: classNames, channels: channels))
        }
        let classNames = try subfolders(of: directory)
        let train = try loadSplit("train", folder: directory, classNames: classNames, channels: channels)
        let emptyTest = Dataset(
            name: "folder", split: "test", channels: channels, height: train.height, width: train.width,
            pixels: [], labels: [], classNames: classNames)
        return DatasetSplits(train: train, test: emptyTest)
    }

    private static func loadSplit(_ split: String, folder: String, classNames: [String], channels: Int) throws -> Dataset {
        let found = try subfolders(of: folder)
        if let unknown = found.first(where: { !classNames.contains($0) }) {
            throw DataError.invalidContent(
                file: URL(fileURLWithPath: folder).appendingPathComponent(unknown).path,
                expected: "one of the training classes \(classNames)", actual: "the class '\(unknown)'")
        }

        var pixels = [UInt8]()
        var labels = [Int]()
        var size: (width: Int, height: Int)?
        for (label, className) in classNames.enumerated() {
            let classFolder = URL(fileURLWithPath: folder).appendingPathComponent(className)
            guard isDirectory(classFolder.path) else { continue }
            for fileName in try sortedContents(of: classFolder.path) where fileName.lowercased().hasSuffix(".png") {
                let path = classFolder.appendingPathComponent(fileName).path
                let image = try decode(path, channels: channels)
                if let size, size != (image.width, image.height) {
                    throw DataError.shapeMismatch(
                        file: path, expected: [channels, size.height, size.width],
                        actual: [channels, image.height, image.width])
                }
                size = (image.width, image.height)
                pixels += planar(image)
                labels.append(label)
            }
        }
        guard let size else {
            throw DataError.emptyDataset(path: folder)
        }
        return Dataset(
            name: "folder", split: split, channels: channels, height: size.height, width: size.width,
            pixels: pixels, labels: labels, classNames: classNames)
    }

    private static func decode(_ path: String, channels: Int) throws -> PNGImage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadableFile(path: path, reason: "permission denied or not a regular file")
        }
        do {
            return try PNGImage(decoding: [UInt8](data), channels: channels)
        } catch let error as ImageIOError {
            throw DataError.unreadableFile(path: path, reason: error.description)
        }
    }

    /// Reorders interleaved `[H, W, C]` pixels into planar `[C, H, W]`.
    private static func planar(_ image: PNGImage) -> [UInt8] {
        let planeSize = image.width * image.height
        var result = [UInt8](repeating: 0, count: planeSize * image.channels)
        for pixel in 0..<planeSize {
            for channel in 0..<image.channels {
                result[channel * planeSize + pixel] = image.pixels[pixel * image.channels + channel]
            }
        }
        return result
    }

    private static func subfolders(of folder: String) throws -> [String] {
        let names = try sortedContents(of: folder).filter {
            isDirectory(URL(fileURLWithPath: folder).appendingPathComponent($0).path)
        }
        guard !names.isEmpty else {
            throw DataError.emptyDataset(path: folder)
        }
        return names
    }

    /// Entries of `folder` without hidden files, sorted by Unicode scalars (not by locale).
    private static func sortedContents(of folder: String) throws -> [String] {
        guard isDirectory(folder) else {
            throw DataError.fileNotFound(path: folder, hint: "expected a directory of CLASS/*.png folders")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.filter { !$0.hasPrefix(".") }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
