import HTTPServer

/// The innermost step of every request: turns whatever the dispatcher or a handler throws
/// into a response through the one error renderer. Rendering here, rather than at the
/// outside of the chain, lets the CORS and Django header steps mark error answers exactly
/// as they mark any other, so a script on an allowed origin can read a 400 or a 405.
struct ErrorRenderingMiddleware: Middleware {
    let errors: ErrorRenderer

    /// Runs the handler and renders the error it throws, if any.
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        do {
            return try next(request)
        } catch {
            return errors.response(for: error, request: request)
        }
    }
}
