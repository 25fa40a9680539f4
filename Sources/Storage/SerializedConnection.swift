import Dispatch

/// A connection together with the serial queue that alone may touch it.
///
/// `@unchecked Sendable` invariant: `connection` is only used inside `run`, which executes
/// on `queue`; the queue serializes every use, so the non-thread-safe connection (opened in
/// SQLite's multi-thread mode) is never used from two threads at once.
final class SerializedConnection: @unchecked Sendable {
    /// The serial queue that owns the connection.
    let queue: DispatchQueue

    private let connection: Connection
    private let queueMarker = DispatchSpecificKey<Bool>()

    init(connection: Connection, label: String) {
        self.connection = connection
        self.queue = DispatchQueue(label: label)
        queue.setSpecific(key: queueMarker, value: true)
    }

    /// Whether the caller is already running on this connection's queue, where a second
    /// `queue.sync` would deadlock.
    var isCurrent: Bool {
        DispatchQueue.getSpecific(key: queueMarker) == true
    }

    /// Runs `body` with the connection on its queue and waits for the result. Throws the
    /// closed-database error once the connection has been closed, which may happen between
    /// the caller's choice of this connection and its turn on the queue.
    func run<T>(_ body: (Connection) throws -> T) throws -> T {
        if isCurrent {
            return try runHere(body)
        }
        return try queue.sync { try runHere(body) }
    }

    /// Closes the connection on its queue, after any work already queued.
    func close(_ beforeClosing: (Connection) -> Void = { _ in }) {
        if isCurrent {
            closeHere(beforeClosing)
        } else {
            queue.sync { closeHere(beforeClosing) }
        }
    }

    private func closeHere(_ beforeClosing: (Connection) -> Void) {
        guard !connection.isClosed else { return }
        beforeClosing(connection)
        connection.close()
    }

    private func runHere<T>(_ body: (Connection) throws -> T) throws -> T {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !connection.isClosed else { throw DatabaseError.closed() }
        return try body(connection)
    }
}
