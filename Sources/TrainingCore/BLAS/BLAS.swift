import CBLAS

/// The one wrapper of OpenBLAS: single-precision matrix products and the core name.
///
/// All matrices are row-major. No C type leaves this file.
public enum BLAS {
    /// Computes `C = alpha * op(A) * op(B) + beta * C` with `op(A)` of shape [m, k] and
    /// `op(B)` of shape [k, n]; `lda`, `ldb`, `ldc` are the row strides as stored.
    static func sgemm(
        transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc))
    }

    /// The kernel OpenBLAS selected for this CPU (for example "Haswell"), recorded with
    /// every result because it changes the summation order inside sgemm.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The shared object that provides `cblas_sgemm` in this process, found with `dladdr`.
    /// It must be OpenBLAS: GSL's reference CBLAS is about 17 times slower.
    public static var sgemmLibraryPath: String? {
        SymbolLocator.libraryPath(ofSymbol: "cblas_sgemm")
    }

    /// Runs one single-threaded sgemm of [size, size] x [size, size] and returns GFLOP/s,
    /// for the check that the fast library is linked.
    public static func measureSquareSgemm(size: Int, repetitions: Int) -> Double {
        let a = [Float](repeating: 0.5, count: size * size)
        let b = [Float](repeating: 0.25, count: size * size)
        var c = [Float](repeating: 0, count: size * size)
        openblas_set_num_threads(1)
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        for _ in 0..<repetitions {
            let elapsed = clock.measure {
                c.withUnsafeMutableBufferPointer { cBuffer in
                    sgemm(transposeA: false, transposeB: false, m: size, n: size, k: size,
                          alpha: 1, a: a, lda: size, b: b, ldb: size,
                          beta: 0, c: cBuffer.baseAddress!, ldc: size)
                }
            }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
        return 2.0 * Double(size * size * size) / seconds / 1e9
    }
}
