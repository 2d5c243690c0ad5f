import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a data set archive, checks its MD5 and unpacks it, as the original scripts'
/// `--download True` does.
public enum Downloader {
    /// One downloadable archive: where it lives, its published MD5 and the folder it unpacks to.
    public struct Archive: Sendable, Equatable {
        public let fileName: String
        public let defaultURL: String
        public let md5: String
        public let folder: String

        public init(fileName: String, defaultURL: String, md5: String, folder: String) {
            self.fileName = fileName
            self.defaultURL = defaultURL
            self.md5 = md5
            self.folder = folder
        }

        /// The archive's URL on `mirror` (a base URL), or its usual address.
        public func url(mirror: String?) -> String {
            guard let mirror else { return defaultURL }
            let base = mirror.hasSuffix("/") ? String(mirror.dropLast()) : mirror
            return base + "/" + fileName
        }
    }

    /// The Python version of CIFAR, with the checksums published beside it on the CIFAR site.
    public static func archive(for variant: CIFARLoader.Variant) -> Archive {
        switch variant {
        case .cifar10:
            return Archive(fileName: "cifar-10-python.tar.gz",
                           defaultURL: "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                           md5: "c58f30108f718f92721af3b95e74349a", folder: "cifar-10-batches-py")
        case .cifar100:
            return Archive(fileName: "cifar-100-python.tar.gz",
                           defaultURL: "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
                           md5: "eb9058c3a382ffc7106e4002c42a8d85", folder: "cifar-100-python")
        }
    }

    static let requestTimeout: TimeInterval = 60

    /// Makes `directory/archive.folder` exist: does nothing when it is already there,
    /// reuses an archive file with the right MD5, and otherwise downloads from `mirror` or
    /// the usual address. Returns whether anything was downloaded.
    @discardableResult
    public static func ensure(_ archive: Archive, in directory: String, mirror: String? = nil) throws -> Bool {
        let root = URL(fileURLWithPath: directory)
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(archive.folder).path) {
            return false
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let archivePath = root.appendingPathComponent(archive.fileName).path

        var downloaded = false
        if !FileManager.default.fileExists(atPath: archivePath) || (try? md5(ofFile: archivePath)) != archive.md5 {
            try fetch(archive.url(mirror: mirror), to: archivePath)
            downloaded = true
        }
        let actual = try md5(ofFile: archivePath)
        guard actual == archive.md5 else {
            throw DataError.checksumMismatch(file: archivePath, expected: archive.md5, actual: actual)
        }
        try unpack(archivePath, into: directory, expectedFolder: archive.folder)
        return downloaded
    }

    /// Downloads `url` to `path` through a temporary `.part` file, so an interrupted
    /// download never leaves a file under the final name.
    static func fetch(_ url: String, to path: String) throws {
        guard let address = URL(string: url), address.scheme == "http" || address.scheme == "https" else {
            throw DataError.downloadFailed(url: url, reason: "not an http or https URL")
        }
        let partPath = path + ".part"
        try? FileManager.default.removeItem(atPath: partPath)

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let outcome = DownloadOutcome()
        let done = DispatchSemaphore(value: 0)
        let task = session.downloadTask(with: address) { location, response, error in
            // The temporary file disappears when this handler returns, so move it now.
            defer { done.signal() }
            if let error {
                outcome.failure = ErrorText.describe(error)
                return
            }
            guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                outcome.failure = "HTTP status \(status)"
                return
            }
            guard let location else {
                outcome.failure = "no file received"
                return
            }
            do {
                try FileManager.default.moveItem(at: location, to: URL(fileURLWithPath: partPath))
            } catch {
                outcome.failure = "cannot save to \(partPath): \(ErrorText.describe(error))"
            }
        }
        task.resume()
        done.wait()
        if let failure = outcome.failure {
            throw DataError.downloadFailed(url: url, reason: failure)
        }
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: partPath, toPath: path)
    }

    /// Unpacks a .tar.gz archive into `directory`; it must create `expectedFolder`.
    static func unpack(_ archivePath: String, into directory: String, expectedFolder: String) throws {
        let compressed = try CIFARLoader.readFile(archivePath)
        let tar = try Gzip.decompress(compressed, file: archivePath)
        let entries = try TarReader.entries(of: tar, file: archivePath)
        guard entries.contains(where: { $0.path.split(separator: "/").first.map(String.init) == expectedFolder }) else {
            throw DataError.invalidContent(
                file: archivePath, expected: "a folder \(expectedFolder)/ in the archive",
                actual: "\(entries.count) entries without it")
        }
        let root = URL(fileURLWithPath: directory)
        for entry in entries {
            let target = root.appendingPathComponent(entry.path)
            if entry.isDirectory {
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(entry.contents).write(to: target)
            }
        }
    }

    /// The MD5 of a file, read in pieces so a large archive is never held twice.
    public static func md5(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError.fileNotFound(path: path, hint: "the archive was not downloaded")
        }
        defer { try? handle.close() }
        var hasher = MD5()
        let pieceSize = 1 << 22
        while let piece = try handle.read(upToCount: pieceSize), !piece.isEmpty {
            hasher.update([UInt8](piece))
        }
        return hexString(hasher.finalize())
    }
}

/// The result of a download, written by URLSession's handler before the waiting thread reads it.
private final class DownloadOutcome: @unchecked Sendable {
    var failure: String?
}
