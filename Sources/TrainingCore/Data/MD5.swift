/// MD5 (RFC 1321), computed incrementally.
///
/// Only for checking downloaded archives against the checksums that the CIFAR site
/// publishes; MD5 is broken for security purposes and catches accidents only.
public struct MD5: BlockDigest, Sendable {
    static let lengthIsBigEndian = false

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// floor(abs(sin(i + 1)) * 2^32), as tabulated in RFC 1321.
    private static let sineTable: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
    ]

    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    var pending: [UInt8] = []
    var totalBytes: UInt64 = 0

    public init() {}

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        absorb(bytes)
    }

    /// Pads the message and returns the 16-byte digest.
    public mutating func finalize() -> [UInt8] {
        // Unlike SHA-256, MD5 stores the length and the state words little-endian.
        pad()
        return [state.0, state.1, state.2, state.3].flatMap { word in
            [UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
             UInt8(truncatingIfNeeded: word >> 16), UInt8(word >> 24)]
        }
    }

    /// The digest of `bytes` in lowercase hex.
    public static func hexDigest(of bytes: some Collection<UInt8>) -> String {
        var hasher = MD5()
        hasher.update(bytes)
        return hexString(hasher.finalize())
    }

    mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        var words = [UInt32](repeating: 0, count: 16)
        for index in 0..<16 {
            let low = UInt32(block[index * 4]) | UInt32(block[index * 4 + 1]) << 8
            let high = UInt32(block[index * 4 + 2]) << 16 | UInt32(block[index * 4 + 3]) << 24
            words[index] = low | high
        }

        var a = state.0, b = state.1, c = state.2, d = state.3
        for index in 0..<64 {
            var mixed: UInt32
            var wordIndex: Int
            switch index / 16 {
            case 0:
                mixed = (b & c) | (~b & d)
                wordIndex = index
            case 1:
                mixed = (d & b) | (~d & c)
                wordIndex = (5 * index + 1) % 16
            case 2:
                mixed = b ^ c ^ d
                wordIndex = (3 * index + 5) % 16
            default:
                mixed = c ^ (b | ~d)
                wordIndex = (7 * index) % 16
            }
            mixed = mixed &+ a &+ Self.sineTable[index] &+ words[wordIndex]
            a = d
            d = c
            c = b
            let shift = Self.shifts[index]
            b = b &+ ((mixed << shift) | (mixed >> (32 - shift)))
        }
        state.0 &+= a
        state.1 &+= b
        state.2 &+= c
        state.3 &+= d
    }
}
