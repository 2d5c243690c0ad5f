import Foundation
import Testing
import TrainingCore

/// Serves `directory` over HTTP on 127.0.0.1 with Python's http.server on a free port.
final class LocalHTTPServer {
    let process = Process()
    let port: Int

    init(directory: String) throws {
        let script = """
            import functools, http.server, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = [UInt8]()
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            throw DataError.downloadFailed(url: "http://127.0.0.1", reason: "the test server did not start")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit {
        // SIGKILL, because the child inherits a signal mask from Foundation's Process that
        // leaves it deaf to the SIGTERM of terminate(), so waiting after that would hang.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite(.serialized) struct DataDownloadTests {
    /// A served folder with `cifar-10-python.tar.gz` made by tar from the CIFAR-10 fixture.
    func makeServedArchive() throws -> (served: URL, archivePath: String) {
        let served = try makeTemporaryDirectory()
        let archivePath = served.appendingPathComponent("cifar-10-python.tar.gz").path
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-czf", archivePath, "-C", dataFixture(""), "cifar-10-batches-py"]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        return (served, archivePath)
    }

    func archive(md5: String, fileName: String = "cifar-10-python.tar.gz") -> Downloader.Archive {
        Downloader.Archive(fileName: fileName, defaultURL: "http://127.0.0.1:9/unused",
                           md5: md5, folder: "cifar-10-batches-py")
    }

    @Test func downloadsVerifiesAndUnpacks() throws {
        let (served, archivePath) = try makeServedArchive()
        let server = try LocalHTTPServer(directory: served.path)
        let target = try makeTemporaryDirectory().path
        let md5 = try Downloader.md5(ofFile: archivePath)

        #expect(try Downloader.ensure(archive(md5: md5), in: target, mirror: server.baseURL + "/"))
        let loaded = try CIFARLoader.load(.cifar10, directory: target)
        let fixture = try CIFARLoader.load(.cifar10, directory: dataFixture(""))
        #expect(loaded.train == fixture.train)
        #expect(loaded.test == fixture.test)
        // A second call finds the unpacked folder and downloads nothing.
        #expect(try Downloader.ensure(archive(md5: md5), in: target, mirror: server.baseURL) == false)
    }

    @Test func checksumMismatchNamesArchive() throws {
        let (served, archivePath) = try makeServedArchive()
        let server = try LocalHTTPServer(directory: served.path)
        let target = try makeTemporaryDirectory().path
        let wrong = String(repeating: "0", count: 32)
        let error = capturedDataError {
            try Downloader.ensure(archive(md5: wrong), in: target, mirror: server.baseURL)
        }
        #expect(error == .checksumMismatch(
            file: URL(fileURLWithPath: target).appendingPathComponent("cifar-10-python.tar.gz").path,
            expected: wrong, actual: try Downloader.md5(ofFile: archivePath)))
    }

    @Test func corruptArchiveNamesArchive() throws {
        let (served, archivePath) = try makeServedArchive()
        let bytes = try readBytes(archivePath)
        let corrupt = Array(bytes.prefix(bytes.count / 2)) + [UInt8](repeating: 0x55, count: 64)
        try writeBytes(corrupt, to: served.appendingPathComponent("corrupt.tar.gz"))
        let server = try LocalHTTPServer(directory: served.path)
        let target = try makeTemporaryDirectory().path
        let error = capturedDataError {
            try Downloader.ensure(archive(md5: MD5.hexDigest(of: corrupt), fileName: "corrupt.tar.gz"),
                                  in: target, mirror: server.baseURL)
        }
        guard case .compression(let file, _) = error else {
            Issue.record("expected a gzip error, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("corrupt.tar.gz"))
    }

    @Test func missingArchiveReportsHTTPStatus() throws {
        let (served, _) = try makeServedArchive()
        let server = try LocalHTTPServer(directory: served.path)
        let target = try makeTemporaryDirectory().path
        let error = capturedDataError {
            try Downloader.ensure(archive(md5: "x", fileName: "absent.tar.gz"), in: target, mirror: server.baseURL)
        }
        guard case .downloadFailed(let url, let reason) = error else {
            Issue.record("expected a download failure, got \(String(describing: error))")
            return
        }
        #expect(url == server.baseURL + "/absent.tar.gz")
        #expect(reason == "HTTP status 404")
    }

    @Test func unsafeArchivePathIsRejected() throws {
        // A tar header for "../evil" with a valid checksum, then the end-of-archive blocks.
        var header = [UInt8](repeating: 0, count: 512)
        let fields: [(Int, String)] = [(0, "../evil"), (100, "0000644"), (124, "00000000000"), (156, "0"),
                                       (257, "ustar"), (263, "00")]
        for (offset, text) in fields {
            header.replaceSubrange(offset..<(offset + text.utf8.count), with: text.utf8)
        }
        header.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = String(header.reduce(0) { $0 + Int($1) }, radix: 8)
        let checksum = String(repeating: "0", count: 6 - sum.count) + sum
        header.replaceSubrange(148..<155, with: Array(checksum.utf8) + [0])
        let error = capturedDataError {
            _ = try TarReader.entries(of: header + [UInt8](repeating: 0, count: 1024), file: "evil.tar")
        }
        #expect(error == .unsafeArchivePath(file: "evil.tar", offset: 0, path: "../evil"))
    }
}
