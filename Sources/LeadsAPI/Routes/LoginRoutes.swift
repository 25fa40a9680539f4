import HTTPServer

/// The login and logout pages of the browsable API, at DRF's `api-auth` URLs.
enum LoginRoutes {
    /// Where the login form lives.
    static let loginPath = "/api-auth/login/"
    /// Where a logout is posted.
    static let logoutPath = "/api-auth/logout/"

    /// Every method Django's views answer themselves (with 405 when they lack it), so no
    /// request on these URLs falls through to the API's JSON 405.
    private static let methods: [HTTPMethod] = [
        .get, .head, .post, .put, .patch, .delete, .options, HTTPMethod(rawValue: "TRACE"),
    ]

    /// Registers `/api-auth/login/` and `/api-auth/logout/`.
    static func register(in router: inout Router, authenticator: Authenticator) {
        let login = LoginView(authenticator: authenticator)
        let logout = LogoutView(authenticator: authenticator)
        for method in methods {
            router.add(method, loginPath) { request in try login.respond(to: request) }
            router.add(method, logoutPath) { request in try logout.respond(to: request) }
        }
    }
}
