import Dispatch
import Locking
import Log
import Synchronization

/// What every connection of one server shares: settings, the application, the logger and
/// the registry of open connections.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    /// Told of every request the server refuses itself, on the connection's loop.
    let rejectionObserver: (@Sendable (RejectedRequest) -> Void)?
    /// Set once `shutdown()` starts; responses then close their connections.
    let isShuttingDown = Atomic<Bool>(false)
    private let connections = Locked<[ObjectIdentifier: Connection]>([:])

    init(
        configuration: HTTPServerConfiguration,
        responder: any HTTPResponder,
        logger: Logger,
        rejectionObserver: (@Sendable (RejectedRequest) -> Void)?
    ) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.rejectionObserver = rejectionObserver
    }

    /// How many connections are open.
    var connectionCount: Int {
        connections.withLock { $0.count }
    }

    /// Every open connection, for shutdown.
    var openConnections: [Connection] {
        connections.withLock { Array($0.values) }
    }

    /// Records a new connection unless the limit is reached; returns whether it was added.
    func register(_ connection: Connection) -> Bool {
        connections.withLock { registry in
            guard registry.count < configuration.maxConnections else { return false }
            registry[ObjectIdentifier(connection)] = connection
            return true
        }
    }

    /// Forgets a connection whose descriptor has been closed.
    func unregister(_ connection: Connection) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }
}
