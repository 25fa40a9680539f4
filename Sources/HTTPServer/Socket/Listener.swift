@preconcurrency import Dispatch
import Log
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Accepts connections on the listening socket and hands each to a new `Connection` on
/// the next event loop.
///
/// Thread safety: the source and descriptor are set in `init` and never reassigned, and
/// the one mutable property, `isPaused`, is touched only on `queue` (the accept handler,
/// the resume after a pause, and `stop()` through `queue.sync`). That makes
/// `@unchecked Sendable` sound.
final class Listener: @unchecked Sendable {
    /// How long accepting pauses when the process is out of descriptors, so the ready
    /// listener does not spin while nothing can be accepted.
    static let pauseWhenOutOfDescriptors = DispatchTimeInterval.milliseconds(100)

    private let descriptor: Int32
    private let queue = DispatchQueue(label: "leads.http.listener")
    private let source: any DispatchSourceRead
    private let context: ServerContext
    private let loops: EventLoopGroup
    private let stopped = DispatchSemaphore(value: 0)
    private var isPaused = false

    init(descriptor: Int32, context: ServerContext, loops: EventLoopGroup) {
        self.descriptor = descriptor
        self.context = context
        self.loops = loops
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [self] in acceptAll() }
        source.setCancelHandler { [self] in
            close(descriptor)
            stopped.signal()
        }
        source.resume()
    }

    /// Stops accepting and returns once the listening descriptor is closed.
    func stop() {
        queue.sync {
            source.cancel()
            if isPaused {
                isPaused = false
                source.resume()
            }
        }
        stopped.wait()
    }

    /// Accepts until the kernel has no more pending connections. Listening sockets report
    /// no byte count, so one event may stand for many connections.
    private func acceptAll() {
        while true {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let result = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    SystemCall.run { Int(accept(descriptor, socketAddress, &length)) }
                }
            }

            switch result {
            case .done(let value):
                admit(Int32(value), address: address)
            case .wouldBlock:
                return
            case .failed(let code) where code == ECONNABORTED || code == EPROTO:
                continue
            case .failed(let code) where code == EMFILE || code == ENFILE || code == ENOMEM:
                context.logger.warning(
                    "Cannot accept connections",
                    metadata: ["error.message": SystemCall.describe(code)]
                )
                pause()
                return
            case .failed(let code):
                context.logger.error(
                    "Accept failed",
                    metadata: ["error.message": SystemCall.describe(code)]
                )
                pause()
                return
            }
        }
    }

    /// Sets up an accepted socket, or closes it when the server is full or stopping.
    private func admit(_ client: Int32, address: sockaddr_storage) {
        guard SystemCall.makeNonBlocking(client) else {
            close(client)
            return
        }
        SystemCall.setOption(client, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)

        guard !context.isShuttingDown.load(ordering: .relaxed) else {
            close(client)
            return
        }
        let connection = Connection(
            descriptor: client,
            remoteAddress: SocketAddress.describe(address),
            context: context,
            loop: loops.nextLoop()
        )
        guard context.register(connection) else {
            close(client)
            context.logger.warning(
                "Connection refused at the connection limit",
                metadata: ["http.max_connections": String(context.configuration.maxConnections)]
            )
            return
        }
        connection.loop.execute { connection.start() }
    }

    /// Suspends accepting briefly after a failure that will repeat at once if retried.
    private func pause() {
        isPaused = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + Listener.pauseWhenOutOfDescriptors) { [self] in
            guard isPaused else { return }
            isPaused = false
            source.resume()
        }
    }
}
