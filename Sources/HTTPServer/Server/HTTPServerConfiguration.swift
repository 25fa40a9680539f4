/// Where the server listens and the limits that keep one client from hurting the others.
public struct HTTPServerConfiguration: Sendable {
    /// The IPv4 address to bind; `0.0.0.0` listens on every interface.
    public var host: String
    /// The TCP port; 0 lets the system pick a free one, which `start()` returns.
    public var port: Int
    /// The largest request body accepted, in bytes; more is answered with 413.
    public var maxBodySize: Int
    /// Body limits for particular paths (the target before any `?`, as sent), such as an
    /// upload endpoint that takes larger documents; every other path gets `maxBodySize`.
    public var bodySizeLimits: [String: Int] = [:]
    /// The largest request line plus header fields accepted, in bytes; more is answered
    /// with 431.
    public var maxHeaderSize: Int
    /// Seconds a keep-alive connection may sit without a request before it is closed.
    public var idleTimeout: Double
    /// Seconds a client has to deliver a whole request head once it starts (or once it
    /// connects), so slow senders cannot hold connections open.
    public var headerTimeout: Double
    /// Seconds `shutdown()` waits for requests in flight before closing connections anyway.
    public var shutdownGracePeriod: Double
    /// The most connections open at once; more are accepted and closed immediately.
    public var maxConnections: Int
    /// How many event loops (threads) serve connections; one per online processor unless
    /// set.
    public var eventLoopCount: Int = EventLoopGroup.processorCount

    /// Creates a configuration; every limit has a default suited to the API.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8000,
        maxBodySize: Int = 1 << 20,
        maxHeaderSize: Int = 16 * 1024,
        idleTimeout: Double = 60,
        headerTimeout: Double = 10,
        shutdownGracePeriod: Double = 10,
        maxConnections: Int = 10_000
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.maxHeaderSize = maxHeaderSize
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.maxConnections = maxConnections
    }
}
