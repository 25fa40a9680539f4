import Glibc
import Locking
import Synchronization

/// A connection together with the lock that alone lets a thread touch it.
///
/// The body of `run` executes on the caller's own thread while the lock is held, so a read
/// or a write costs no hand-over to another thread. The lock also records which thread
/// holds it, which is how `Database` recognises a call made from inside one of its own
/// closures (a nested read, or a write inside a write) without any thread-local storage.
///
/// `@unchecked Sendable` invariant: `connection` is only used while `lock` is held; the
/// lock serializes every use, so the non-thread-safe connection (opened in SQLite's
/// multi-thread mode) is never used from two threads at once.
final class GuardedConnection: @unchecked Sendable {
    private let connection: Connection
    private let lock = Locked(())
    /// The `pthread_t` of the thread holding the lock, or zero while it is free.
    private let holder = Atomic<UInt>(0)

    init(connection: Connection) {
        self.connection = connection
    }

    /// Whether the calling thread is inside `run` on this connection, where taking the
    /// lock again would deadlock.
    var isCurrent: Bool {
        holder.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// Runs `body` with the connection and returns its result. Throws the closed-database
    /// error once the connection has been closed, which may happen between the caller's
    /// choice of this connection and its turn. A call from inside `run` itself reuses the
    /// held connection.
    func run<T>(_ body: (Connection) throws -> T) throws -> T {
        if isCurrent {
            return try runHeld(body)
        }
        return try lock.withLock { _ in
            holder.store(UInt(pthread_self()), ordering: .relaxed)
            defer { holder.store(0, ordering: .relaxed) }
            return try runHeld(body)
        }
    }

    /// Closes the connection after any use already running.
    func close(_ beforeClosing: (Connection) -> Void = { _ in }) {
        if isCurrent {
            closeHeld(beforeClosing)
        } else {
            lock.withLock { _ in closeHeld(beforeClosing) }
        }
    }

    private func closeHeld(_ beforeClosing: (Connection) -> Void) {
        guard !connection.isClosed else { return }
        beforeClosing(connection)
        connection.close()
    }

    private func runHeld<T>(_ body: (Connection) throws -> T) throws -> T {
        guard !connection.isClosed else { throw DatabaseError.closed() }
        return try body(connection)
    }
}
