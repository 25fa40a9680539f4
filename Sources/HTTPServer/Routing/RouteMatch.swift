/// What the router found for a method and path; the application turns the last two cases
/// into 405 and 404 responses in its own error format.
public enum RouteMatch: Sendable {
    /// A route matched: call `handler` with `parameters` stored in the request.
    case found(
        handler: @Sendable (HTTPRequest) throws -> HTTPResponse,
        parameters: [String: String]
    )
    /// The path exists but not for this method; `allowed` is the `Allow` header's content
    /// in a stable order.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// No route has this path.
    case notFound
}
