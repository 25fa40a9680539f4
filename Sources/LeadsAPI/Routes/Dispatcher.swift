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
            return try run(handler, parameters, request)
        case .methodNotAllowed(let allowed):
            // A DRF view answers every method itself, after authentication and permissions,
            // so a method no route names goes to the view registered for the path.
            if case .found(let handler, let parameters) = router.match(
                method: .anyOtherMethod,
                path: request.path
            ) {
                return try run(handler, parameters, request)
            }
            // Only the methods a route answers: OPTIONS is left out unless one does.
            let answered = allowed.filter { method in
                guard method == .options else { return true }
                if case .found = router.match(method: .options, path: request.path) {
                    return true
                }
                return false
            }
            throw APIError.methodNotAllowed(request.method, allowed: answered)
        case .notFound:
            // Django decides on the decoded path, where `%2F` is a separator, and writes the
            // decoded path escaped again, so `lead%2D1` is redirected to `lead-1/`.
            let decodedPath = DjangoPath.decoded(request.path)
            let location = DjangoPath.escaped(decodedPath) + "/"
            if !decodedPath.hasSuffix("/"), routeExists(location) {
                let query =
                    (request.query ?? "").isEmpty
                    ? "" : "?" + DjangoPath.queryForRedirect(request.query ?? "")
                return Self.clearingUnusableSession(
                    DjangoPage.appendSlashRedirect(to: location + query),
                    request
                )
            }
            return Self.clearingUnusableSession(DjangoPage.notFound(), request)
        }
    }

    private func run(
        _ handler: @Sendable (HTTPRequest) throws -> HTTPResponse,
        _ parameters: [String: String],
        _ request: HTTPRequest
    ) throws -> HTTPResponse {
        // Django matches the decoded path, where `%2F` is a separator that no parameter of
        // a pattern can hold.
        guard !parameters.values.contains(where: { $0.contains("/") }) else {
            return Self.clearingUnusableSession(DjangoPage.notFound(), request)
        }

        var request = request
        request.pathParameters = parameters
        return try handler(request)
    }

    /// Django's `SessionMiddleware` also answers paths no view takes: it never reads the
    /// session there, but still deletes a `sessionid` its store refuses outright.
    private static func clearingUnusableSession(
        _ response: HTTPResponse,
        _ request: HTTPRequest
    ) -> HTTPResponse {
        guard Authenticator.hasUnusableSessionKey(request) else { return response }

        var response = response
        PageResponse.setCookie(SetCookie.sessionDeletion, on: &response)
        response.headers.add(name: "Vary", value: "Cookie")
        return response
    }

    private func routeExists(_ path: String) -> Bool {
        if case .notFound = router.match(method: .get, path: path) { return false }
        return true
    }
}

extension HTTPMethod {
    /// A method no request can carry (`<` is not allowed in a method token). A view that
    /// answers every method registers itself under it to receive the methods that no route
    /// names, such as `TRACE`.
    static let anyOtherMethod = HTTPMethod(rawValue: "<any>")
}
