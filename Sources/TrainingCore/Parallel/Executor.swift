import CBLAS
import Dispatch
import Foundation
import CMalloc

/// Runs independent chunks of work on a fixed number of threads.
///
/// The determinism contract rests on two rules that every caller follows: chunk
/// boundaries depend on the data only (never on `threadCount`), and each chunk writes
/// only its own output, so results do not depend on which thread ran which chunk.
/// Reductions over chunks happen afterwards, in chunk order, on one thread.
///
/// The executor also owns scratch memory reused across calls: one set of buffers per worker,
/// and shared buffers. It is `@unchecked Sendable` because of them. Buffers are sized only on
/// the calling thread, before a parallel loop, and inside the loop a worker touches only
/// its own, so one executor must serve one caller at a time.
public final class Executor: @unchecked Sendable {
    public let threadCount: Int
    private let workerBuffers: [[ScratchBuffer]]
    private let sharedBuffers: [ScratchBuffer]

    /// Scratch buffers per worker and shared ones; callers name them by index.
    static let scratchSlots = 3

    /// Creates an executor; OpenBLAS is set to one thread so that every sgemm runs
    /// inside the calling worker with a fixed summation order, and glibc's malloc keeps
    /// freed memory (see `configureProcess`).
    public init(threadCount: Int) {
        precondition(threadCount >= 1, "thread count must be at least 1, got \(threadCount)")
        self.threadCount = threadCount
        workerBuffers = (0..<threadCount).map { _ in (0..<Self.scratchSlots).map { _ in ScratchBuffer() } }
        sharedBuffers = (0..<Self.scratchSlots).map { _ in ScratchBuffer() }
        Executor.configureProcess
    }

    /// Returns one buffer of at least `count` floats per worker, from scratch slot `slot`.
    /// Call it before `forEachChunk`; the chunk body uses the entry of its `worker`.
    func workerScratch(slot: Int, count: Int) -> [UnsafeMutablePointer<Float>] {
        workerBuffers.map { $0[slot].reserve(count) }
    }

    /// Returns one buffer of at least `count` floats from shared scratch slot `slot`.
    func sharedScratch(slot: Int, count: Int) -> UnsafeMutablePointer<Float> {
        sharedBuffers[slot].reserve(count)
    }

    /// Runs `body(chunk, worker)` for every chunk in `0..<chunkCount`. `worker` is in
    /// `0..<threadCount` and lets a chunk use per-worker scratch memory.
    public func forEachChunk(_ chunkCount: Int, _ body: (_ chunk: Int, _ worker: Int) -> Void) {
        let workers = min(threadCount, chunkCount)
        if workers <= 1 {
            for chunk in 0..<chunkCount {
                body(chunk, 0)
            }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkCount {
                body(chunk, worker)
                chunk += workers
            }
        }
    }

    /// Elements per block of `forEachBlock`: 64 Ki floats, 256 KiB.
    static let elementBlock = 1 << 16

    /// Runs `body(range)` over `0..<count` in fixed blocks of `elementBlock` indices, for
    /// element-wise work whose result does not depend on how the blocks are shared out.
    public func forEachBlock(_ count: Int, _ body: (Range<Int>) -> Void) {
        let blockSize = Self.elementBlock
        forEachChunk((count + blockSize - 1) / blockSize) { block, _ in
            body((block * blockSize)..<min(count, (block + 1) * blockSize))
        }
    }

    /// Process-wide settings, applied once. glibc serves blocks above its mmap threshold
    /// (128 KiB to 32 MiB, adapting) with fresh `mmap` pages and trims freed heap memory, so
    /// every training step paid page faults and zeroing for its activations (about 13 % of a
    /// ResNet14 step). With mmap off and no trimming, freed tensors are reused from the heap:
    /// resident memory stays at its high-water mark, as with PyTorch's caching allocator.
    private static let configureProcess: Void = {
        openblas_set_num_threads(1)
        _ = mallopt(M_MMAP_MAX, 0)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
    }()

    /// The number of cores this process may use.
    public static var availableCores: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
