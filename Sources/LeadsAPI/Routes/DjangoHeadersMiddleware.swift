import HTTPServer

/// Adds the headers Django's security and clickjacking middleware put on every response
/// of the backend, so clients see the same headers here.
struct DjangoHeadersMiddleware: Middleware {
    /// Runs the rest of the chain and adds the headers to its response.
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        var response = try next(request)
        for (name, value) in Self.headers where !response.headers.contains(name) {
            response.headers.add(name: name, value: value)
        }
        return response
    }

    private static let headers = [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
}
