import HTTPServer

/// Picks out the requests whose answer may hold a thread for long, which the server then
/// answers off its event loops: a login or Basic credentials not verified before (PBKDF2
/// takes half a second by design), the admin API (database copies and fixture files) and
/// requests that change leads, which wait for the commit they share with other writes
/// (group commit only gathers writes whose callers can wait). Everything else is a few
/// queries and is answered on the loop.
struct BlockingRequests: Sendable {
    let authenticator: Authenticator

    /// Whether `request` may block; see the type's description.
    func mayBlock(_ request: HTTPRequest) -> Bool {
        if request.path.hasPrefix("/__admin/") {
            return true
        }
        if request.path == LoginRoutes.loginPath {
            return request.method != .get && request.method != .head
        }
        guard request.path.hasPrefix("/api/") else { return false }
        return !APIPipeline.isSafe(request.method) || authenticator.mayHashPassword(request)
    }
}
