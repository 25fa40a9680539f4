import Dispatch
import Locking

/// Hands out reader connections one caller at a time: a free reader is taken at once, and
/// when all are busy the caller waits for the first one given back, rather than queueing
/// behind one particular slow read as a round-robin choice would.
final class ReaderPool: Sendable {
    private let free: Locked<[Int]>
    private let available: DispatchSemaphore

    /// A pool of the readers numbered `0..<count`, all free.
    init(count: Int) {
        free = Locked(Array(0..<count))
        available = DispatchSemaphore(value: count)
    }

    /// Takes a free reader's number, waiting if every reader is in use.
    func acquire() -> Int {
        available.wait()
        return free.withLock { $0.removeLast() }
    }

    /// Gives a reader back.
    func release(_ index: Int) {
        free.withLock { $0.append(index) }
        available.signal()
    }
}
