/// The application as the server sees it: one request in, one response out.
///
/// The server calls `respond(to:)` synchronously on the connection's own serial queue, so
/// it may block (a database query, password hashing) without holding up other
/// connections. It cannot throw: turning errors into responses is the job of
/// `MiddlewareChain`, the one place where that happens.
public protocol HTTPResponder: Sendable {
    /// Answers one request.
    func respond(to request: HTTPRequest) -> HTTPResponse
}

/// A responder made from a closure, for small servers and tests.
public struct ClosureResponder: HTTPResponder {
    private let body: @Sendable (HTTPRequest) -> HTTPResponse

    /// Wraps `body`, which is called for every request.
    public init(_ body: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.body = body
    }

    /// Calls the wrapped closure.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        body(request)
    }
}
