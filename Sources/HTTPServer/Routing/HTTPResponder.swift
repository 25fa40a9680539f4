/// The application as the server sees it: one request in, one response out.
///
/// The server asks `mayBlock(_:)` first. When it says no, `respond(to:)` runs on the
/// event loop that owns the connection, between the loop's other connections, which is
/// the fast path; when it says yes, `respond(to:)` runs on a thread of its own, so a
/// password hash or a long copy holds up only its own client. `respond(to:)` cannot
/// throw: turning errors into responses is the job of `MiddlewareChain`, the one place
/// where that happens.
public protocol HTTPResponder: Sendable {
    /// Answers one request.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Whether answering `request` may block the calling thread for more than a moment.
    /// A wrong "no" costs the loop's other connections a wait, never a wrong answer.
    func mayBlock(_ request: HTTPRequest) -> Bool
}

extension HTTPResponder {
    /// Any request may block unless the responder knows better, which keeps a responder
    /// written without the event loops in mind from stalling them.
    public func mayBlock(_ request: HTTPRequest) -> Bool {
        true
    }
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
