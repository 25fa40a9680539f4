/// Maps a method and a raw path to a handler using patterns such as
/// `/api/v1.0/organisation/{org_uid}/leads/{unique_id}/`.
///
/// Matching works on the raw (still percent-encoded) path split on `/`, so an encoded
/// slash (`%2F`) stays inside one parameter. Literal segments compare byte for byte, which
/// makes a trailing slash significant. Each captured segment is then percent-decoded; a
/// segment with an invalid escape or invalid UTF-8 does not match (the request gets a 404)
/// rather than reaching a handler with mangled text. Empty segments never fill a parameter.
public struct Router: Sendable {
    /// One registered pattern with its handler.
    private struct Route: Sendable {
        var method: HTTPMethod
        var pattern: PathPattern
        var handler: @Sendable (HTTPRequest) throws -> HTTPResponse
    }

    /// The order of `Allow`, the one Django REST framework prints, so clients and snapshot
    /// tests see the same header from this server as from the original.
    private static let allowOrder: [HTTPMethod] = [
        .get, .post, .put, .patch, .delete, .head, .options,
    ]

    /// The routes by how many segments their pattern has, each list in registration
    /// order, so a path is only tried against patterns of its own length.
    private var routes: [Int: [Route]] = [:]

    /// Creates a router without routes.
    public init() {}

    /// Registers `handler` for `method` on `pattern`; earlier registrations win when two
    /// patterns match the same path.
    public mutating func add(
        _ method: HTTPMethod,
        _ pattern: String,
        _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse
    ) {
        let pattern = PathPattern(pattern)
        routes[pattern.segmentCount, default: []].append(
            Route(method: method, pattern: pattern, handler: handler)
        )
    }

    /// Finds the handler for a request.
    ///
    /// HEAD uses the GET route when no HEAD route exists. When the path matches but the
    /// method does not, the allowed list contains every method registered for the path,
    /// HEAD wherever GET is, and always OPTIONS, because every resource of the API answers
    /// OPTIONS.
    public func match(method: HTTPMethod, path: String) -> RouteMatch {
        let pathSegments = PathSegments(path)
        var allowed: Set<HTTPMethod> = []
        var headFallback:
            (handler: @Sendable (HTTPRequest) throws -> HTTPResponse, [String: String])?

        for route in routes[pathSegments.count] ?? [] {
            guard let parameters = route.pattern.captures(pathSegments) else { continue }

            if route.method == method {
                return .found(handler: route.handler, parameters: parameters)
            }
            if method == .head && route.method == .get && headFallback == nil {
                headFallback = (route.handler, parameters)
            }
            allowed.insert(route.method)
        }

        if let headFallback {
            return .found(handler: headFallback.handler, parameters: headFallback.1)
        }
        guard !allowed.isEmpty else { return .notFound }

        if allowed.contains(.get) { allowed.insert(.head) }
        allowed.insert(.options)
        let known = Router.allowOrder.filter { allowed.contains($0) }
        let others = allowed.subtracting(Router.allowOrder).sorted { $0.rawValue < $1.rawValue }
        return .methodNotAllowed(allowed: known + others)
    }
}
