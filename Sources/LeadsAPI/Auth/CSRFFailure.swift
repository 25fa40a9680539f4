import HTTPServer
import Log

/// The answer of Django's CSRF middleware when a page view (login, logout) fails the
/// check: its 403 page, or for JSON clients DRF's `{"detail": "CSRF Failed: ..."}`.
enum CSRFFailure {
    /// The 403 for `reason`. A malformed cookie is replaced on the way, as Django does, so
    /// the next attempt can succeed.
    static func response(
        reason: String,
        request: HTTPRequest,
        cookies: RequestCookies,
        asJSON: Bool,
        logger: Logger
    ) -> HTTPResponse {
        logger.warning(
            "CSRF check failed",
            metadata: [
                "csrf.reason": reason, "http.path": request.path,
                "request.id": request.requestID,
            ]
        )

        var response =
            asJSON
            ? JSONResponse.detail(.forbidden, "CSRF Failed: " + reason)
            : DjangoPage.html(.forbidden, LoginPages.csrfFailure(reason: reason))
        if cookies[CSRFProtection.cookieName] != nil && CSRFProtection.cookieSecret(cookies) == nil
        {
            let secret = CSRFToken.newSecret()
            PageResponse.setCookie(SetCookie.csrfToken(secret, now: UnixTime.now()), on: &response)
            response.headers.add(name: "Vary", value: "Cookie")
        }
        return response
    }
}
