import BodyParsing
import HTTPServer
import LeadsDomain

/// Django's `CsrfViewMiddleware` check, as DRF's `SessionAuthentication` and Django's own
/// login and logout views apply it: an unsafe request must come from a trusted origin
/// and carry the secret of its `csrftoken` cookie in a form field or the `X-CSRFToken`
/// header. A page on another site can make the browser send the cookie, but it cannot
/// read it, so it cannot copy the secret.
struct CSRFProtection: Sendable {
    /// The cookie holding the secret.
    static let cookieName = "csrftoken"
    /// The form field holding a token.
    static let formField = "csrfmiddlewaretoken"
    /// The header holding a token, for scripts and for methods without a form body.
    static let headerName = "X-CSRFToken"

    /// Django's reason when the cookie is absent.
    static let noCookieReason = "CSRF cookie not set."
    /// Django's reason when neither the form field nor the header holds a token.
    static let tokenMissingReason = "CSRF token missing."

    /// Methods RFC 9110 calls safe; Django checks everything else.
    private static let safeMethods: Set<HTTPMethod> = [
        .get, .head, .options, HTTPMethod(rawValue: "TRACE"),
    ]

    /// Decides whether an `Origin` other than the server's own is allowed
    /// (`CSRF_TRUSTED_ORIGINS`).
    let isTrustedOrigin: @Sendable (String) -> Bool

    /// Why Django would refuse `request`, or nil when it passes. `postedToken` reads the
    /// `csrfmiddlewaretoken` field of a POST form body (nil when there is none); it runs
    /// only once the origin and the cookie have passed, as Django reads the body only then.
    func rejectionReason(
        _ request: HTTPRequest,
        cookies: RequestCookies,
        postedToken: () throws(APIError) -> String?
    ) throws(APIError) -> String? {
        guard !Self.safeMethods.contains(request.method) else { return nil }

        if request.headers.contains("Origin") {
            let origin = request.headers["Origin"] ?? ""
            guard isAllowed(origin: origin, host: request.headers["Host"]) else {
                return "Origin checking failed - \(origin) does not match any trusted origins."
            }
        }

        guard let cookie = cookies[Self.cookieName] else { return Self.noCookieReason }
        if let problem = CSRFToken.formatProblem(
            cookie,
            characterCount: cookie.unicodeScalars.count
        ) {
            return "CSRF cookie \(problem.rawValue)."
        }

        let token: String
        let source: String
        let characterCount: Int
        if let postedToken = try postedToken(), !postedToken.isEmpty {
            token = postedToken
            source = "POST"
            characterCount = postedToken.unicodeScalars.count
        } else {
            let values = request.headers.values(for: Self.headerName)
            guard !values.isEmpty else { return Self.tokenMissingReason }
            // Django sees header bytes one character each, and repeated fields joined.
            token = values.joined(separator: ",")
            source = "the 'X-Csrftoken' HTTP header"
            characterCount = token.utf8.count
        }

        if let problem = CSRFToken.formatProblem(token, characterCount: characterCount) {
            return "CSRF token from \(source) \(problem.rawValue)."
        }
        guard CSRFToken.matches(token, cookie: cookie) else {
            return "CSRF token from \(source) incorrect."
        }
        return nil
    }

    /// The secret of a well-formed `csrftoken` cookie (unmasked when an older Django
    /// stored it masked), or nil when the cookie is absent or malformed.
    static func cookieSecret(_ cookies: RequestCookies) -> String? {
        guard let cookie = cookies[cookieName],
            CSRFToken.formatProblem(cookie, characterCount: cookie.unicodeScalars.count) == nil
        else { return nil }
        return String(decoding: CSRFToken.secret(of: cookie), as: UTF8.self)
    }

    /// Whether an `Origin` value is the server's own (`http://` and the `Host` header) or
    /// trusted by configuration.
    private func isAllowed(origin: String, host: String?) -> Bool {
        if let host, !host.isEmpty, origin == "http://" + host {
            return true
        }
        return isTrustedOrigin(origin)
    }

    /// The fields of a POST whose body is a form, as Django's `request.POST` offers them;
    /// empty for other methods and bodies. A form that cannot be parsed fails as DRF's
    /// parsers make it fail.
    static func postedFields(
        _ request: HTTPRequest
    ) throws(APIError) -> [(name: String, value: String)] {
        guard request.method == .post,
            let mediaType = MediaType.parse(request.headers["Content-Type"] ?? ""),
            mediaType.essence == "application/x-www-form-urlencoded"
                || mediaType.essence == "multipart/form-data"
        else { return [] }

        let body = try BodyDecoder.decode(request)
        guard case .form(let fields, _) = body else { return [] }
        return fields
    }

    /// The `csrfmiddlewaretoken` among posted fields; the last value wins, as in Django's
    /// `QueryDict`.
    static func token(in fields: [(name: String, value: String)]) -> String? {
        fields.last { $0.name == formField }?.value
    }
}
