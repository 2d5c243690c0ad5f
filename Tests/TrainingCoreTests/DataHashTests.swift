import Testing
import TrainingCore

/// Expected digests from Python 3.11's hashlib:
/// python3 -c "import hashlib; m=...; print(hashlib.md5(m).hexdigest(), hashlib.sha256(m).hexdigest())"
/// for m in b"", b"abc", b"a"*1000, bytes(range(256))*3, bytes(range(56)). 56 bytes leave no
/// room for the length in the last block, so the padding fills a second one.
@Suite struct DataHashTests {
    static let cases: [(message: [UInt8], md5: String, sha256: String)] = [
        ([], "d41d8cd98f00b204e9800998ecf8427e",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "900150983cd24fb0d6963f7d28e17f72",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ([UInt8](repeating: UInt8(ascii: "a"), count: 1000), "cabe45dcc9ae5b66ba86600cca6b8ba8",
         "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        (Array((0..<768).map { UInt8($0 % 256) }), "e6899eaaf06fd702f3ed3f988eb19362",
         "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363"),
        (Array(0..<56), "51fdd1acda72405dfdfa03fcb85896d7",
         "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
    ]

    @Test func sha256MatchesHashlib() {
        for testCase in Self.cases {
            #expect(SHA256.hexDigest(of: testCase.message) == testCase.sha256)
        }
    }

    @Test func md5MatchesHashlib() {
        for testCase in Self.cases {
            #expect(MD5.hexDigest(of: testCase.message) == testCase.md5)
        }
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let message = Self.cases[3].message
        for split in [0, 1, 63, 64, 65, 500] {
            var sha = SHA256()
            sha.update(message[..<split])
            sha.update(message[split...])
            var md5 = MD5()
            md5.update(message[..<split])
            md5.update(message[split...])
            #expect(sha.finalize() == { var one = SHA256(); one.update(message); return one.finalize() }())
            #expect(md5.finalize() == { var one = MD5(); one.update(message); return one.finalize() }())
        }
    }
}
