import Testing
import TrainingCore

/// GSL's Debian package pulls in libgslcblas, whose reference `cblas_sgemm` is about 17
/// times slower than OpenBLAS's. These tests fail if it ever shadows OpenBLAS in a binary
/// that links both (this test binary links every target, GSL included).
struct BLASLinkageTests {
    @Test
    func sgemmResolvesToOpenBLAS() throws {
        let path = try #require(BLAS.sgemmLibraryPath)
        #expect(path.contains("openblas"), "cblas_sgemm comes from \(path)")
        #expect(!path.contains("gslcblas"), "cblas_sgemm comes from \(path)")
    }

    /// The bound is a linkage check, not a speed target: OpenBLAS reaches about 120 GFLOP/s
    /// on one core of the development machine, GSL's CBLAS about 7.
    @Test
    func singleThreadedSgemmIsFast() {
        let gigaflops = BLAS.measureSquareSgemm(size: 1024, repetitions: 3)
        #expect(gigaflops > 20, "sgemm 1024^3 ran at \(gigaflops) GFLOP/s on \(BLAS.coreName)")
    }

    @Test
    func coreNameIsReported() {
        #expect(!BLAS.coreName.isEmpty)
        #expect(BLAS.coreName != "unknown")
    }
}
