import CZlib

/// gzip decompression over zlib; the one place in TrainingCore that calls CZlib.
enum Gzip {
    /// zlib's window size of 2^15 plus 32, which makes inflate detect the gzip or zlib header itself.
    private static let windowBitsWithHeaderDetection: Int32 = 15 + 32
    private static let chunkSize = 1 << 20

    /// Whether `bytes` start with the gzip magic number 1f 8b.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Decompresses every gzip member in `bytes`; `file` names the input in errors.
    static func decompress(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        var stream = z_stream()
        var status = inflateInit2_(&stream, windowBitsWithHeaderDetection, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size))
        try check(status, stream: stream, file: file)
        defer { inflateEnd(&stream) }

        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var input = bytes
        var consumed = 0
        while true {
            status = input.withUnsafeMutableBufferPointer { inputBuffer in
                chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_in = inputBuffer.baseAddress.map { $0 + consumed }
                    stream.avail_in = UInt32(inputBuffer.count - consumed)
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    consumed = inputBuffer.count - Int(stream.avail_in)
                    return result
                }
            }
            output.append(contentsOf: chunk[0..<(chunkSize - Int(stream.avail_out))])

            if status == Z_STREAM_END {
                // A gzip file may hold several members back to back (as `cat a.gz b.gz` makes).
                guard consumed < input.count, input[consumed] == 0x1f else { break }
                try check(inflateReset(&stream), stream: stream, file: file)
                continue
            }
            if status == Z_BUF_ERROR && consumed == input.count {
                throw DataError.compression(
                    file: file, reason: "the stream ends early after \(output.count) decompressed bytes (truncated file)")
            }
            try check(status, stream: stream, file: file)
        }
        input.removeAll()
        return output
    }

    private static func check(_ status: Int32, stream: z_stream, file: String) throws {
        guard status != Z_OK && status != Z_STREAM_END else { return }
        let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw DataError.compression(file: file, reason: message)
    }
}
