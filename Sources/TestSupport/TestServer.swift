public import HTTPServer
public import Log

/// A real `HTTPServer` on 127.0.0.1 with a system-chosen port and its own in-memory log,
/// so each test gets an isolated server it can talk to over a socket.
public final class TestServer: Sendable {
    /// The running server.
    public let server: HTTPServer
    /// The port the server is listening on.
    public let port: Int
    /// Everything the server logged, for assertions on access lines.
    public let logs: InMemoryLogHandler

    /// Starts a server for `responder`; the configuration's host and port are replaced by
    /// 127.0.0.1 and 0.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        logLevel: LogLevel = .info,
        responder: any HTTPResponder
    ) throws {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let logs = InMemoryLogHandler()
        let logger = Logger(label: "http", level: logLevel, handler: logs)
        server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
        port = try server.start()
        self.logs = logs
    }

    /// Starts a server that answers every request with `body`.
    public convenience init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        logLevel: LogLevel = .info,
        _ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        try self.init(
            configuration: configuration,
            logLevel: logLevel,
            responder: ClosureResponder(body)
        )
    }

    /// A new client connected to this server.
    public func client(timeout: Double = 10) throws -> RawHTTPClient {
        try RawHTTPClient(port: port, timeout: timeout)
    }

    /// Shuts the server down and waits for its connections to close.
    public func shutdown() {
        server.shutdown()
    }

    /// The access lines logged so far (message `Request handled`).
    public var accessRecords: [LogRecord] {
        logs.records.filter { $0.message == "Request handled" }
    }
}
