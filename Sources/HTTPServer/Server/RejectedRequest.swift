/// A request the server answered itself instead of handing it to the application: broken
/// syntax or framing, a limit passed, a head or body not received in time. The server
/// logs each one like an ordinary request and passes it to the rejection observer, so an
/// application can count these answers alongside its own.
public struct RejectedRequest: Sendable {
    /// The method, when the request line got far enough to name one.
    public var method: HTTPMethod?
    /// The path without its query, when the whole request line was valid.
    public var path: String?
    /// The status the server answered with.
    public var status: HTTPStatus
    /// The sentence sent to the client in the body's `detail`.
    public var reason: String
    /// The body bytes sent; none for a refused HEAD.
    public var bodyBytes: Int
    /// From the first byte of the request to the refusal.
    public var duration: Duration
    /// The id sent in `X-Request-Id` with the refusal.
    public var requestID: String
    /// The client's IP address.
    public var remoteAddress: String

    /// Creates a description of a refusal; the server makes these, tests may too.
    public init(
        method: HTTPMethod?,
        path: String?,
        status: HTTPStatus,
        reason: String,
        bodyBytes: Int,
        duration: Duration,
        requestID: String,
        remoteAddress: String
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.reason = reason
        self.bodyBytes = bodyBytes
        self.duration = duration
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }
}
