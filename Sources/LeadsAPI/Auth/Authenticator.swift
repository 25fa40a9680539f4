import HTTPServer
import Log
import Storage
import Credentials

/// Decides who sent a request, the way DRF's authentication classes do: HTTP Basic first,
/// then the session cookie (with Django's CSRF check for unsafe methods).
final class Authenticator: Sendable {
    private let database: Database
    private let hasher: PasswordHasher
    private let logger: Logger

    /// Creates an authenticator over the people and sessions in `database`.
    init(
        database: Database,
        hasher: PasswordHasher,
        sessionAge: Int,
        isTrustedOrigin: @escaping @Sendable (String) -> Bool,
        logger: Logger
    ) {
        self.database = database
        self.hasher = hasher
        self.logger = logger
    }

    /// The identity behind the request, nil when it offered no credentials at all, or an
    /// `APIError` when credentials were offered and refused.
    func authenticate(_ request: HTTPRequest) throws(APIError) -> Identity? {
        // TODO: session cookies and CSRF are not checked yet; only HTTP Basic is.
        guard let header = request.headers["Authorization"] else { return nil }
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard let scheme = parts.first, scheme.lowercased() == "basic" else { return nil }
        guard parts.count == 2, let decoded = Base64.decode(String(parts[1])) else {
            throw .authenticationFailed(
                "Invalid basic header. Credentials not correctly base64 encoded."
            )
        }

        let text = String(decoding: decoded, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else {
            throw .authenticationFailed("Invalid username/password.")
        }
        let username = String(text[..<colon])
        let password = String(text[text.index(after: colon)...])
        let row: Row?
        do {
            row = try database.read { connection in
                try connection.queryOne(
                    "SELECT id, unique_id, username, full_name, password_hash FROM people "
                        + "WHERE username = ? AND is_active = 1",
                    [.text(username)]
                )
            }
        } catch {
            throw .serviceUnavailable(ErrorRenderer.unavailableDetail)
        }
        guard let row, let hash: String = row.value("password_hash"),
            hasher.verify(password, against: hash)
        else {
            throw .authenticationFailed("Invalid username/password.")
        }
        return Identity(
            personID: row.value("id") ?? 0,
            uniqueID: row.value("unique_id") ?? "",
            username: row.value("username") ?? "",
            fullName: row.value("full_name") ?? "",
            viaSession: false
        )
    }
}
