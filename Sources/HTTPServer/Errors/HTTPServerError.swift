#if canImport(Glibc)
    import Glibc
#endif

/// Everything that can go wrong in this target: starting the server, and requests the
/// server itself refuses before the application sees them. Request cases know the status
/// and the message the client gets.
public enum HTTPServerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The configured host is not an IPv4 address this server can bind.
    case invalidHost(String)
    /// A system call failed while setting up the listener; `errno` says why (for example
    /// `EADDRINUSE` when the port is taken).
    case systemCallFailed(call: String, host: String, port: Int, errno: Int32)
    /// `start()` was called on a server that is running or has been shut down.
    case notStartable
    /// The request line and header fields together exceed the limit.
    case headerFieldsTooLarge
    /// The body, declared or received, exceeds the limit (in bytes).
    case bodyTooLarge(limit: Int)
    /// The request breaks HTTP/1.1 syntax or framing rules; `reason` is the message sent to
    /// the client.
    case malformedRequest(reason: String)
    /// The request line named a protocol other than HTTP/1.0 or HTTP/1.1 (such as the
    /// HTTP/2 connection preface).
    case unsupportedVersion
    /// An `Expect` header asked for something other than `100-continue`.
    case unsupportedExpectation
    /// The client did not send its request in time.
    case requestTimeout

    /// A message for logs and for the person starting the server.
    public var description: String {
        switch self {
        case .invalidHost(let host):
            return "Cannot listen on \(host): not an IPv4 address."
        case .systemCallFailed(let call, let host, let port, let code):
            let reason = String(cString: strerror(code))
            return "Cannot listen on \(host):\(port): \(call) failed: \(reason) (errno \(code))."
        case .notStartable:
            return "The server was already started."
        default:
            return detail
        }
    }

    /// The status a request error is answered with.
    var status: HTTPStatus {
        switch self {
        case .headerFieldsTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .payloadTooLarge
        case .malformedRequest: .badRequest
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedExpectation: .expectationFailed
        case .requestTimeout: .requestTimeout
        case .invalidHost, .systemCallFailed, .notStartable: .internalServerError
        }
    }

    /// The client-facing sentence for the `detail` field of the error body.
    var detail: String {
        switch self {
        case .headerFieldsTooLarge: "Request header fields too large."
        case .bodyTooLarge(let limit): "Request body exceeds \(limit) bytes."
        case .malformedRequest(let reason): reason
        case .unsupportedVersion: "HTTP version not supported."
        case .unsupportedExpectation: "Only the 100-continue expectation is supported."
        case .requestTimeout: "Request not received in time."
        case .invalidHost, .systemCallFailed, .notStartable: "A server error occurred."
        }
    }

    /// The response the server sends before closing the connection.
    var response: HTTPResponse {
        HTTPResponse.jsonDetail(status: status, detail: detail)
    }
}
