/// A response as a test client received it, byte for byte, so tests can assert on framing
/// as well as content.
public struct ClientResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The reason phrase from the status line.
    public var reason: String
    /// The protocol version from the status line, such as `HTTP/1.1`.
    public var version: String
    /// Header fields in the order received, names as sent.
    public var headers: [(String, String)]
    /// The body after chunked decoding, if any.
    public var body: [UInt8]

    /// Creates a response; the client builds these.
    public init(
        status: Int,
        reason: String,
        version: String = "HTTP/1.1",
        headers: [(String, String)],
        body: [UInt8]
    ) {
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, comparing names without regard to case.
    public func header(_ name: String) -> String? {
        headerValues(name).first
    }

    /// Every value of a header, in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.0.lowercased() == wanted }.map(\.1)
    }

    /// The body decoded as UTF-8 (invalid bytes replaced), for assertions on JSON text.
    public var text: String {
        String(decoding: body, as: UTF8.self)
    }
}
