#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value that threads share, guarded by a `pthread_mutex_t`.
///
/// The standard library's `Mutex` would do the same job, but on Linux it hands a
/// contended lock over inside the kernel (a priority-inheriting futex), which the thread
/// sanitizer cannot see: every contended hand-over is reported as a data race. A POSIX
/// mutex is intercepted by the sanitizer, so `swift test --sanitize=thread` reports only
/// real races.
public final class Locked<Value>: @unchecked Sendable {
    // The mutex lives at a fixed address for the lifetime of the object, as POSIX
    // requires; `value` is only touched while it is held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Creates the lock around its first value.
    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while no other thread can touch it, and returns what
    /// `body` returns. `body` must not call back into the same lock.
    public func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }

        return try body(&value)
    }
}
