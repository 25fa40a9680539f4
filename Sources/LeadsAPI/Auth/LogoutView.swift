import HTTPServer
import Log

/// `/api-auth/logout/`, behaving as Django 5's `LogoutView`: POST only (GET would let any
/// page log a visitor out with an image tag), CSRF-checked like every unsafe request,
/// then the session row is deleted and the cookie expired. The answer is a redirect to a
/// safe `next`, or a small page.
struct LogoutView: Sendable {
    /// The methods Django's `LogoutView` has, in its `Allow` order.
    static let allowedMethods = "POST, OPTIONS"

    /// Keeps sessions and the CSRF check.
    let authenticator: Authenticator

    /// Answers any method on the logout URL.
    func respond(to request: HTTPRequest) throws -> HTTPResponse {
        let cookies = RequestCookies(request.headers)
        if request.method == .options {
            return PageResponse.options(allowing: Self.allowedMethods)
        }

        let isJSON = request.method == .post && LoginSubmission.isJSON(request)
        var fields: [(name: String, value: String)] = []
        let reason: String?
        do {
            reason = try authenticator.csrf.rejectionReason(request, cookies: cookies) {
                () throws(APIError) -> String? in
                fields = try CSRFProtection.postedFields(request)
                return CSRFProtection.token(in: fields)
            }
        } catch {
            return PageResponse.html(.badRequest, LoginPages.badRequest())
        }
        if let reason {
            return CSRFFailure.response(
                reason: reason,
                request: request,
                cookies: cookies,
                asJSON: isJSON,
                logger: authenticator.logger
            )
        }
        guard request.method == .post else {
            return PageResponse.methodNotAllowed(allowing: Self.allowedMethods)
        }

        var response: HTTPResponse
        let next = fields.last { $0.name == "next" }?.value ?? request.queryValue("next")
        if isJSON {
            response = JSONResponse.detail(.ok, "Logged out.")
            PageResponse.preventCaching(&response)
        } else if let path = RedirectTarget.safeLocalPath(next) {
            response = PageResponse.redirect(to: path)
        } else {
            response = PageResponse.html(.ok, LoginPages.loggedOut())
        }

        if let key = cookies[Authenticator.sessionCookieName] {
            try authenticator.endSession(key: key)
            PageResponse.setCookie(SetCookie.sessionDeletion, on: &response)
        }
        authenticator.logger.info("Logged out", metadata: ["request.id": request.requestID])
        return response
    }
}
