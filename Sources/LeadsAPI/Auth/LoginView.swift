import BodyParsing
import HTTPServer
import Log

/// `/api-auth/login/`, behaving as Django's `LoginView` behind `CsrfViewMiddleware`: GET
/// shows the form and sets the CSRF cookie; POST (and PUT, which Django's form views treat
/// as POST) checks CSRF, then the credentials, and on success starts a new session.
///
/// JSON bodies are accepted too, for single-page apps: they get JSON back (200
/// `{"detail": "Logged in."}`, 400 with field errors, 403 with DRF's CSRF detail) instead
/// of pages and redirects.
struct LoginView: Sendable {
    /// The methods Django's `LoginView` has, in its `Allow` order.
    static let allowedMethods = "GET, POST, PUT, HEAD, OPTIONS"

    /// Checks passwords and keeps sessions.
    let authenticator: Authenticator

    /// Answers any method on the login URL.
    func respond(to request: HTTPRequest) throws -> HTTPResponse {
        let cookies = RequestCookies(request.headers)
        switch request.method {
        case .get, .head:
            return formPage(request, cookies: cookies)
        case .options:
            return PageResponse.options(allowing: Self.allowedMethods)
        default:
            break
        }

        let isJSON = request.method == .post && LoginSubmission.isJSON(request)
        var submission: LoginSubmission?
        let reason: String?
        do {
            reason = try authenticator.csrf.rejectionReason(request, cookies: cookies) {
                () throws(APIError) -> String? in
                let read = try LoginSubmission.read(request)
                submission = read
                return read.csrfToken
            }
        } catch {
            guard !isJSON else { throw error }
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

        guard request.method == .post || request.method == .put, let submission else {
            return PageResponse.methodNotAllowed(allowing: Self.allowedMethods)
        }
        return try logIn(submission, request: request, cookies: cookies)
    }

    /// The empty form, with a fresh mask over the client's CSRF secret (or a new secret).
    private func formPage(_ request: HTTPRequest, cookies: RequestCookies) -> HTTPResponse {
        let secret = CSRFProtection.cookieSecret(cookies) ?? CSRFToken.newSecret()
        let form = LoginPages.LoginForm(
            csrfToken: CSRFToken.masked(secret),
            next: RedirectTarget.safeLocalPath(request.queryValue("next")) ?? ""
        )
        var response = PageResponse.html(.ok, LoginPages.login(form))
        PageResponse.setCookie(SetCookie.csrfToken(secret, now: UnixTime.now()), on: &response)
        return response
    }

    /// Checks the submitted credentials and answers with a new session or the reasons.
    private func logIn(
        _ submission: LoginSubmission,
        request: HTTPRequest,
        cookies: RequestCookies
    ) throws -> HTTPResponse {
        var person: PersonRecord?
        if submission.fieldErrors.isEmpty, let username = submission.username,
            let password = submission.password
        {
            person = try authenticator.verifiedPerson(username: username, password: password)
        }
        let username = submission.username ?? submission.rawUsername

        guard let person else {
            authenticator.logger.info(
                "Login failed",
                metadata: ["auth.username": username, "request.id": request.requestID]
            )
            return refusal(submission, request: request, cookies: cookies)
        }

        let key = try authenticator.startSession(
            for: person,
            replacing: cookies[Authenticator.sessionCookieName]
        )
        authenticator.logger.info(
            "Login succeeded",
            metadata: ["auth.username": person.username, "request.id": request.requestID]
        )

        var response: HTTPResponse
        if submission.encoding == .json {
            response = JSONResponse.detail(.ok, "Logged in.")
            PageResponse.preventCaching(&response)
        } else {
            let next = submission.next ?? request.queryValue("next")
            response = PageResponse.redirect(
                to: RedirectTarget.safeLocalPath(next) ?? RedirectTarget.afterLogin
            )
        }

        // A new CSRF secret, so a token seen before login is useless after it.
        let now = UnixTime.now()
        PageResponse.setCookie(SetCookie.csrfToken(CSRFToken.newSecret(), now: now), on: &response)
        PageResponse.setCookie(
            SetCookie.session(key, age: authenticator.sessions.age, now: now),
            on: &response
        )
        return response
    }

    /// The answer to invalid input or wrong credentials: the form again with the errors
    /// (status 200, as Django re-renders it), or a 400 with the errors as JSON.
    private func refusal(
        _ submission: LoginSubmission,
        request: HTTPRequest,
        cookies: RequestCookies
    ) -> HTTPResponse {
        let formErrors = submission.fieldErrors.isEmpty ? [LoginPages.invalidLoginMessage] : []

        if submission.encoding == .json {
            var pairs: [(String, JSONValue)] = []
            for name in ["username", "password"] {
                if let errors = submission.fieldErrors[name] {
                    pairs.append((name, .array(errors.map(JSONValue.string))))
                }
            }
            if !formErrors.isEmpty {
                pairs.append(("non_field_errors", .array(formErrors.map(JSONValue.string))))
            }
            var response = JSONResponse.make(.badRequest, .object(JSONObject(pairs)))
            PageResponse.preventCaching(&response)
            return response
        }

        // The CSRF check passed, so the cookie holds a usable secret.
        let secret = CSRFProtection.cookieSecret(cookies) ?? CSRFToken.newSecret()
        let next = submission.next ?? request.queryValue("next")
        let form = LoginPages.LoginForm(
            csrfToken: CSRFToken.masked(secret),
            next: RedirectTarget.safeLocalPath(next) ?? "",
            username: submission.rawUsername,
            formErrors: formErrors,
            fieldErrors: submission.fieldErrors
        )
        var response = PageResponse.html(.ok, LoginPages.login(form))
        PageResponse.setCookie(SetCookie.csrfToken(secret, now: UnixTime.now()), on: &response)
        return response
    }
}
