/// Runs middleware outermost-first around a handler and turns any error that escapes into a
/// response. It is the one place where thrown errors become responses, so every error is
/// answered the same way whichever layer threw it.
public struct MiddlewareChain: HTTPResponder {
    private let middleware: [any Middleware]
    private let errorResponder: @Sendable (any Error, HTTPRequest) -> HTTPResponse
    private let handler: @Sendable (HTTPRequest) throws -> HTTPResponse
    private let blocks: @Sendable (HTTPRequest) -> Bool

    /// Creates a chain; `middleware[0]` sees the request first and the response last.
    /// `mayBlock` tells the server which requests to answer off its event loops; by
    /// default every one is.
    public init(
        middleware: [any Middleware],
        errorResponder: @escaping @Sendable (any Error, HTTPRequest) -> HTTPResponse,
        mayBlock: @escaping @Sendable (HTTPRequest) -> Bool = { _ in true },
        handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse
    ) {
        self.middleware = middleware
        self.errorResponder = errorResponder
        self.blocks = mayBlock
        self.handler = handler
    }

    /// Asks the classifier given at creation.
    public func mayBlock(_ request: HTTPRequest) -> Bool {
        blocks(request)
    }

    /// Runs the chain; an error from any layer becomes `errorResponder(error, request)`
    /// with the request as it arrived.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            return try run(from: 0, request)
        } catch {
            return errorResponder(error, request)
        }
    }

    /// The error responder to use when the application has none of its own: errors that
    /// know their response send it, anything else becomes a bare 500.
    public static let defaultErrorResponder: @Sendable (any Error, HTTPRequest) -> HTTPResponse =
        { error, _ in
            if let known = error as? any HTTPResponseError {
                return known.response
            }
            return HTTPResponse.jsonDetail(
                status: .internalServerError,
                detail: "A server error occurred."
            )
        }

    private func run(from index: Int, _ request: HTTPRequest) throws -> HTTPResponse {
        guard index < middleware.count else {
            return try handler(request)
        }
        return try middleware[index].respond(to: request) { try run(from: index + 1, $0) }
    }
}
