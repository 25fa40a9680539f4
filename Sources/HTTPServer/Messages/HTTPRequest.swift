/// A complete request as the server hands it to the application: the head, the whole
/// body (already bounded by the configured limit) and what the server and router learned
/// about it.
public struct HTTPRequest: Sendable {
    /// The method token from the request line.
    public var method: HTTPMethod
    /// The request-target as sent, path and query together; an absolute-form target
    /// (`http://host/path?query`) arrives here as its path and query, its host in `Host`.
    public var target: String
    /// The target up to the first `?`, still percent-encoded, so `%2F` can be told apart
    /// from a real separator when routing.
    public var path: String
    /// The raw text after the first `?`, or nil when the target has no `?`.
    public var query: String?
    /// The protocol version from the request line.
    public var version: HTTPVersion
    /// The header fields in arrival order.
    public var headers: HTTPHeaders
    /// The body bytes after chunked decoding; empty when there was none.
    public var body: [UInt8]
    /// The client's IP address, set by the server.
    public var remoteAddress: String
    /// The id of this request in logs and in the `X-Request-Id` response header, set by the
    /// server.
    public var requestID: String
    /// The values captured by the route pattern's `{name}` segments, percent-decoded.
    public var pathParameters: [String: String]

    /// Creates a request; the server builds these from the wire, tests build them by hand.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        if let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.path = String(target[..<questionMark])
            self.query = String(target[target.index(after: questionMark)...])
        } else {
            self.path = target
            self.query = nil
        }
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = ""
        self.requestID = ""
        self.pathParameters = [:]
    }

    /// The query string as form-decoded pairs in order (`+` is a space, `%XX` decoded,
    /// invalid UTF-8 replaced), empty when there is no query.
    public var queryItems: [(name: String, value: String)] {
        guard let query else { return [] }
        return PercentDecoding.decodeQuery(query)
    }

    /// The first value of a query parameter, for the common case of a single value.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }
}
