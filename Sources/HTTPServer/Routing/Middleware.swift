/// A step wrapped around every handler, such as authentication or CORS. It can answer on
/// its own, change the request before passing it on, or change the response on the way
/// back; anything it throws is turned into a response by the chain's error responder.
public protocol Middleware: Sendable {
    /// Handles a request, calling `next` to run the rest of the chain.
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse
}
