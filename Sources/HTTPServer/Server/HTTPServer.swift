import Dispatch
import Locking
public import Log
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 server on non-blocking sockets, epoll and Dispatch.
///
/// One listener accepts connections and deals them out to a few event loops, one per
/// processor by default; each loop is a thread that waits on its own epoll instance and
/// runs its connections' reads, responder calls and writes in turn, and no thread waits on
/// a socket. A request the responder says may block is answered on a thread of its own
/// (one of Dispatch's, of which there are a few hundred at most), so it holds up only its
/// own client: a response that should only leave later says so with `HTTPResponse.delay`
/// instead of sleeping.
///
/// Every connection holds a descriptor, so `start()` raises the soft `RLIMIT_NOFILE` limit
/// to the hard limit; the usual soft limit of 1024 would otherwise cap the server below a
/// thousand clients. Raise the hard limit (`ulimit -Hn`, or `LimitNOFILE=` under systemd)
/// when more connections are needed.
public final class HTTPServer: Sendable {
    /// Where the server is in its life; it runs at most once.
    private enum Lifecycle {
        case created
        case running(Listener, EventLoopGroup)
        case stopping
        case stopped
    }

    /// The settings the server was created with.
    public let configuration: HTTPServerConfiguration
    private let context: ServerContext
    private let lifecycle = Locked(Lifecycle.created)

    /// Creates a server; nothing is bound until `start()`.
    ///
    /// Requests the server refuses itself never reach `responder`; `rejectionObserver`, if
    /// given, hears of each one (on the connection's event loop, so it must not block), for
    /// metrics that should count every answer the clients got.
    public init(
        configuration: HTTPServerConfiguration,
        responder: any HTTPResponder,
        logger: Logger,
        rejectionObserver: (@Sendable (RejectedRequest) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.context = ServerContext(
            configuration: configuration,
            responder: responder,
            logger: logger,
            rejectionObserver: rejectionObserver
        )
    }

    /// Binds, starts accepting and returns the bound port (the chosen one when the
    /// configured port is 0). Throws `HTTPServerError` when the address cannot be used,
    /// for example `systemCallFailed` with `EADDRINUSE` when the port is taken.
    public func start() throws -> Int {
        signal(SIGPIPE, SIG_IGN)
        let openFileLimit = ListeningSocket.raiseOpenFileLimit()

        let port = try lifecycle.withLock { state throws(HTTPServerError) in
            guard case .created = state else { throw .notStartable }

            let (descriptor, port) = try ListeningSocket.open(
                host: configuration.host,
                port: configuration.port
            )
            let loops: EventLoopGroup
            do throws(EventLoop.SetupFailure) {
                loops = try EventLoopGroup(count: configuration.eventLoopCount)
            } catch {
                close(descriptor)
                throw .systemCallFailed(
                    call: error.call,
                    host: configuration.host,
                    port: port,
                    errno: error.errno
                )
            }
            state = .running(
                Listener(descriptor: descriptor, context: context, loops: loops),
                loops
            )
            return port
        }

        context.logger.info(
            "Server listening",
            metadata: [
                "server.host": configuration.host,
                "server.port": String(port),
                "server.open_file_limit": openFileLimit.map(String.init) ?? "unknown",
            ]
        )
        return port
    }

    /// Stops accepting, lets every request in flight finish and be answered (with
    /// `Connection: close`), closes idle connections at once, and returns when all are
    /// closed. Connections still busy after the grace period are closed anyway. Calling it
    /// again, or before `start()`, does nothing.
    public func shutdown() {
        let running: (Listener, EventLoopGroup)? = lifecycle.withLock { state in
            guard case .running(let listener, let loops) = state else { return nil }
            state = .stopping
            return (listener, loops)
        }
        guard let (listener, loops) = running else { return }

        context.logger.info(
            "Server shutting down",
            metadata: ["http.open_connections": String(context.connectionCount)]
        )
        context.isShuttingDown.store(true, ordering: .relaxed)
        listener.stop()
        for connection in context.openConnections {
            connection.loop.execute { connection.serverIsShuttingDown() }
        }

        let graceful = waitForConnections(seconds: configuration.shutdownGracePeriod)
        if !graceful {
            let remaining = context.openConnections
            context.logger.warning(
                "Closing connections after the grace period",
                metadata: ["http.open_connections": String(remaining.count)]
            )
            for connection in remaining {
                connection.loop.execute { connection.terminate() }
            }
            // TODO: a handler that never returns keeps its thread busy past this wait;
            // Dispatch offers no way to interrupt work already running on a queue.
            _ = waitForConnections(seconds: 1)
        }
        loops.stop()

        lifecycle.withLock { $0 = .stopped }
        context.logger.info("Server stopped")
    }

    /// How many client connections are open right now.
    public var openConnectionCount: Int {
        context.connectionCount
    }

    /// Waits until no connection is open or the time is up; returns whether all closed.
    private func waitForConnections(seconds: Double) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + Connection.nanoseconds(seconds)
        while context.connectionCount > 0 {
            guard DispatchTime.now().uptimeNanoseconds < deadline else { return false }
            usleep(5_000)
        }
        return true
    }
}
