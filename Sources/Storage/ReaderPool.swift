import Dispatch
import Locking

/// Lends read-only connections one caller at a time. Connections are opened on first need,
/// up to a maximum, so a burst of concurrent reads never waits while the pool is below its
/// size, and a quiet server keeps a single connection. Once every connection is lent out,
/// a caller waits for the first one given back.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [GuardedConnection] = []
        var all: [GuardedConnection] = []
        var isClosed = false
    }

    private let state = Locked(State())
    private let permits: DispatchSemaphore
    private let open: @Sendable () throws -> Connection

    /// A pool of at most `maximum` connections, each made by `open`; the first is opened
    /// now, so a database that cannot be read fails at start-up rather than later.
    init(maximum: Int, open: @escaping @Sendable () throws -> Connection) throws {
        permits = DispatchSemaphore(value: max(1, maximum))
        self.open = open

        let first = GuardedConnection(connection: try open())
        state.withLock { state in
            state.idle.append(first)
            state.all.append(first)
        }
    }

    /// How many connections are open now.
    var openCount: Int {
        state.withLock { $0.all.count }
    }

    /// The connection the calling thread is already using, if any.
    func current() -> GuardedConnection? {
        state.withLock { state in state.all.first { $0.isCurrent } }
    }

    /// Takes an idle connection, opens one while below the maximum, or waits for one.
    func acquire() throws -> GuardedConnection {
        permits.wait()

        let idle: GuardedConnection? = state.withLock { state in
            state.idle.popLast()
        }
        if let idle { return idle }

        do {
            let made = GuardedConnection(connection: try open())
            let isClosed = state.withLock { state in
                if !state.isClosed { state.all.append(made) }
                return state.isClosed
            }
            guard !isClosed else {
                made.close()
                throw DatabaseError.closed()
            }
            return made
        } catch {
            permits.signal()
            throw error
        }
    }

    /// Gives a connection back.
    func release(_ connection: GuardedConnection) {
        state.withLock { $0.idle.append(connection) }
        permits.signal()
    }

    /// Closes every connection, each after the read it may be running; connections lent
    /// out later refuse to run.
    func close() {
        let all = state.withLock { state in
            state.isClosed = true
            return state.all
        }
        for connection in all {
            connection.close()
        }
    }
}
