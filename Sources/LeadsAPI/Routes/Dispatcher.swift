import HTTPServer

/// Finds the route for a request the way Django's URL resolver and `APPEND_SLASH` do: a
/// match runs its handler; a path missing only its final slash is redirected with 301;
/// anything else gets Django's 404 page.
struct Dispatcher: Sendable {
    let router: Router

    /// Routes `request` to its handler.
    func dispatch(_ request: HTTPRequest) throws -> HTTPResponse {
        switch router.match(method: request.method, path: request.path) {
        case .found(let handler, let parameters):
            var request = request
            request.pathParameters = parameters
            return try handler(request)
        case .methodNotAllowed:
            throw APIError.methodNotAllowed(request.method)
        case .notFound:
            if !request.path.hasSuffix("/"), routeExists(request.path + "/") {
                let query = request.query.map { "?" + $0 } ?? ""
                return DjangoPage.appendSlashRedirect(to: request.path + "/" + query)
            }
            return DjangoPage.notFound()
        }
    }

    private func routeExists(_ path: String) -> Bool {
        if case .notFound = router.match(method: .get, path: path) { return false }
        return true
    }
}
