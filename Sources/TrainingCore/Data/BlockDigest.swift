/// A hash over 64-byte blocks with Merkle-Damgard padding, as MD5 and SHA-256 are: the
/// buffering of partial blocks and the padding with the message's bit length, shared by both.
protocol BlockDigest {
    /// Bytes added but not yet compressed, fewer than 64 between calls.
    var pending: [UInt8] { get set }
    var totalBytes: UInt64 { get set }
    /// Whether the padding stores the bit length big-endian (SHA-256) or little-endian (MD5).
    static var lengthIsBigEndian: Bool { get }
    /// Mixes one 64-byte block into the state.
    mutating func compress(_ block: UnsafeBufferPointer<UInt8>)
}

extension BlockDigest {
    /// Adds `bytes` to the message and compresses every whole block.
    mutating func absorb(_ bytes: some Collection<UInt8>) {
        totalBytes &+= UInt64(bytes.count)
        pending.append(contentsOf: bytes)
        let blockCount = pending.count / 64
        guard blockCount > 0 else { return }
        pending.withUnsafeBufferPointer { buffer in
            for block in 0..<blockCount {
                compress(UnsafeBufferPointer(rebasing: buffer[(block * 64)..<((block + 1) * 64)]))
            }
        }
        pending.removeFirst(blockCount * 64)
    }

    /// Appends 0x80, zeros and the 64-bit message length in bits, which completes the last block.
    mutating func pad() {
        let bitLength = totalBytes &* 8
        var padding: [UInt8] = [0x80]
        while (pending.count + padding.count) % 64 != 56 {
            padding.append(0)
        }
        for byteIndex in 0..<8 {
            let shift = Self.lengthIsBigEndian ? 56 - 8 * byteIndex : 8 * byteIndex
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedTotal = totalBytes
        absorb(padding)
        totalBytes = savedTotal
        precondition(pending.isEmpty, "padding must complete the last block")
    }
}
