import HTTPServer

/// The login and logout pages of the browsable API.
enum LoginRoutes {
    /// Registers `/api-auth/login/` and `/api-auth/logout/`.
    static func register(in router: inout Router, authenticator: Authenticator) {
        // TODO: the login and logout pages are not served yet.
    }
}
