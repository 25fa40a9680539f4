import HTTPServer

/// Lets browser apps on other origins call the API with their cookies: answers preflight
/// requests before authentication, and marks responses to allowed origins with the exact
/// origin and `Access-Control-Allow-Credentials: true` (never `*`). Origins that are not
/// allowed get no CORS headers at all, so the browser blocks them.
struct CORSMiddleware: Middleware {
    let policy: CORSPolicy

    /// Methods a cross-origin request may use.
    static let allowedMethods = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
    /// Request headers a cross-origin request may send.
    static let allowedHeaders = [
        "accept", "accept-language", "authorization", "content-type", "prefer", "user-agent",
        "x-csrftoken", "x-request-id", "x-requested-with",
    ]
    /// Response headers scripts on the other origin may read.
    static let exposedHeaders = "Allow, Location, Retry-After, X-Request-Id"
    /// Seconds a browser may cache a preflight answer.
    static let maxAge = "86400"

    /// Answers preflights here, and adds CORS headers to everything else.
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        let origin = request.headers["Origin"]
        let allowed = origin.map(policy.allows) ?? false

        if request.method == .options,
            let requestedMethod = request.headers["Access-Control-Request-Method"],
            !requestedMethod.isEmpty
        {
            var response = HTTPResponse(status: .ok)
            if allowed, let origin {
                addOriginHeaders(to: &response, origin: origin)
                response.headers.set(
                    name: "Access-Control-Allow-Methods",
                    value: Self.allowedMethods
                )
                response.headers.set(
                    name: "Access-Control-Allow-Headers",
                    value: Self.grantedHeaders(
                        requested: request.headers["Access-Control-Request-Headers"]
                    ).joined(separator: ", ")
                )
                response.headers.set(name: "Access-Control-Max-Age", value: Self.maxAge)
            }
            // The answer depends on the requested method and headers too, so a cache must
            // not hand one preflight's answer to another.
            for name in [
                "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers",
            ] {
                Self.appendVary(name, to: &response)
            }
            return response
        }

        var response = try next(request)
        if allowed, let origin {
            addOriginHeaders(to: &response, origin: origin)
            response.headers.set(
                name: "Access-Control-Expose-Headers",
                value: Self.exposedHeaders
            )
        }
        Self.appendVary("Origin", to: &response)
        return response
    }

    /// The standard request headers plus any others the preflight asks for, so an app's
    /// tracing or custom headers do not block it during development; names that are not
    /// header tokens are left out.
    static func grantedHeaders(requested: String?) -> [String] {
        var granted = allowedHeaders
        for name in (requested ?? "").split(separator: ",") {
            let name = String(name).trimming(" \t").lowercased()
            guard !name.isEmpty, name != "*", name.utf8.allSatisfy(isTokenByte),
                !granted.contains(name)
            else { continue }
            granted.append(name)
        }
        return granted
    }

    /// Whether a byte may appear in a header name (RFC 9110's `tchar`).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private func addOriginHeaders(to response: inout HTTPResponse, origin: String) {
        response.headers.set(name: "Access-Control-Allow-Origin", value: origin)
        response.headers.set(name: "Access-Control-Allow-Credentials", value: "true")
    }

    /// Adds `name` to the response's `Vary` header unless it is already listed.
    static func appendVary(_ name: String, to response: inout HTTPResponse) {
        let current = response.headers.values(for: "Vary")
            .flatMap { $0.split(separator: ",").map(String.init) }
            .map { $0.trimming(" ") }
            .filter { !$0.isEmpty }
        guard !current.contains(where: { $0.lowercased() == name.lowercased() }) else { return }
        response.headers.set(name: "Vary", value: (current + [name]).joined(separator: ", "))
    }
}
