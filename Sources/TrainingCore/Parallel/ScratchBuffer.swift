/// A float buffer that grows on request and is reused across calls, so that per-step
/// scratch memory is allocated (and faulted in) once rather than on every step.
/// Its contents are undefined after `reserve`.
final class ScratchBuffer {
    private var pointer: UnsafeMutablePointer<Float>
    private var capacity: Int

    init() {
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        capacity = 1
    }

    deinit {
        pointer.deallocate()
    }

    /// Returns storage for at least `count` floats, moving to a larger block when needed.
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
            capacity = count
        }
        return pointer
    }
}
