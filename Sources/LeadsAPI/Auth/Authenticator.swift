import Credentials
import HTTPServer
import Log
import Storage

/// Decides who sent a request, the way DRF's authentication classes do: HTTP Basic first,
/// then the `sessionid` cookie with Django's CSRF check for unsafe methods. The login and
/// logout pages use it to check passwords and to start and end sessions.
final class Authenticator: Sendable {
    /// DRF's detail for a username and password that do not match an active person.
    static let invalidCredentialsDetail = "Invalid username/password."
    /// The cookie carrying the session key.
    static let sessionCookieName = "sessionid"

    /// The session rows and their lifetime.
    let sessions: SessionStore
    /// The CSRF check, shared with the login and logout pages.
    let csrf: CSRFProtection
    /// Where logins, refusals and CSRF failures are reported; never with a secret.
    let logger: Logger

    private let database: Database
    private let hasher: PasswordHasher
    private let cache = CredentialCache()
    private let flights = VerificationFlights()

    /// A well-formed hash no password matches, checked when the username is unknown so
    /// that the answer takes as long as for a wrong password and does not reveal which
    /// usernames exist (Django's `ModelBackend` does the same).
    private let decoyHash: String

    /// Creates an authenticator over the people and sessions in `database`. New sessions
    /// last `sessionAge` seconds; `isTrustedOrigin` admits cross-origin unsafe requests.
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
        sessions = SessionStore(database: database, age: sessionAge)
        csrf = CSRFProtection(isTrustedOrigin: isTrustedOrigin)
        decoyHash =
            "pbkdf2_sha256$\(hasher.iterations)$" + RandomToken.letters(length: 22) + "$"
            + Base64.encode([UInt8](repeating: 0, count: 32))
    }

    /// The identity behind the request, nil when it offered no credentials at all, or an
    /// `APIError` when credentials were offered and refused (401) or a session request
    /// failed the CSRF check (403).
    ///
    /// `staleSession` becomes true when the request's `sessionid` was looked up and named
    /// no live session, so the caller can clear the cookie as Django's `SessionMiddleware`
    /// does.
    func authenticate(
        _ request: HTTPRequest,
        staleSession: inout Bool
    ) throws(APIError) -> Identity? {
        switch BasicCredentials.parse(request.headers["Authorization"]) {
        case .malformed(let detail):
            throw .authenticationFailed(detail)
        case .credentials(let username, let password):
            guard let person = try verifiedPerson(username: username, password: password)
            else {
                logger.info(
                    "Basic authentication refused",
                    metadata: ["auth.username": username, "request.id": request.requestID]
                )
                throw .authenticationFailed(Self.invalidCredentialsDetail)
            }
            return person.identity(viaSession: false)
        case .none:
            return try sessionIdentity(request, staleSession: &staleSession)
        }
    }

    /// Whether authenticating `request` may run PBKDF2: it offers Basic credentials that
    /// have not been verified before. Sessions and malformed headers never hash.
    func mayHashPassword(_ request: HTTPRequest) -> Bool {
        guard
            case .credentials(let username, let password) =
                BasicCredentials.parse(request.headers["Authorization"])
        else { return false }
        return !cache.contains(cache.fingerprint(username: username, password: password))
    }

    /// The active person with this username and password, or nil. One query reads the
    /// person, unless this pair was verified since the database last changed; PBKDF2 runs
    /// only when this pair has not been verified against the person's current hash before.
    func verifiedPerson(username: String, password: String) throws(APIError) -> PersonRecord? {
        let fingerprint = cache.fingerprint(username: username, password: password)
        let version = database.changeVersion(ignoringWritesConfinedTo: LeadRepository.tables)
        if let version, let person = cache.person(for: fingerprint, at: version) {
            logVerified(username, cache: "hit")
            return person.isActive ? person : nil
        }

        let person = try storage { try PersonRecord.find(username: username, in: database) }
        guard let person else {
            _ = hasher.verify(password, against: decoyHash)
            return nil
        }

        let isRemembered = {
            self.cache.isVerified(
                fingerprint,
                personID: person.id,
                passwordHash: person.passwordHash
            )
        }
        if isRemembered() {
            logVerified(username, cache: "hit")
        } else {
            // Requests with the same pair that arrive together share one PBKDF2 run: the
            // first remembers its verdict before the others look again, and one that
            // waited for a refusal checks for itself.
            let check = {
                let matches = self.hasher.verify(password, against: person.passwordHash)
                if matches {
                    self.cache.remember(fingerprint, person: person, at: version)
                }
                return matches
            }
            let shared = flights.verify(fingerprint, check)
            let waitedAndRemembered = shared == nil && isRemembered()
            guard shared ?? (waitedAndRemembered || check()) else {
                cache.forget(fingerprint)
                return nil
            }
            logVerified(username, cache: waitedAndRemembered ? "hit" : "miss")
        }
        cache.remember(fingerprint, person: person, at: version)

        // Django's default backend refuses inactive people only after the password check,
        // with the same answer as for a wrong password.
        return person.isActive ? person : nil
    }

    private func logVerified(_ username: String, cache outcome: String) {
        logger.debug(
            "Credentials verified",
            metadata: ["auth.username": username, "auth.credential_cache": outcome]
        )
    }

    /// Starts a session for `person` under a new key, deleting `previousKey` (the session
    /// cookie the client came with) so a planted key never gains a login.
    func startSession(for person: PersonRecord, replacing previousKey: String?)
        throws(APIError) -> String
    {
        try storage {
            try sessions.create(personID: person.id, replacing: previousKey, now: UnixTime.now())
        }
    }

    /// Ends the session with this key, if it exists.
    func endSession(key: String) throws(APIError) {
        try storage { try sessions.delete(key: key) }
    }

    /// The person behind the `sessionid` cookie, checked against CSRF for unsafe methods
    /// as DRF's `SessionAuthentication` does; nil without a live session of an active
    /// person.
    private func sessionIdentity(
        _ request: HTTPRequest,
        staleSession: inout Bool
    ) throws(APIError) -> Identity? {
        let cookies = RequestCookies(request.headers)
        guard let key = cookies[Self.sessionCookieName] else { return nil }

        let person = try storage { try sessions.person(forKey: key, now: UnixTime.now()) }
        guard let person else {
            staleSession = true
            return nil
        }
        // An inactive person's session still holds data, so Django keeps its cookie.
        guard person.isActive else { return nil }

        let reason = try csrf.rejectionReason(request, cookies: cookies) {
            () throws(APIError) -> String? in
            CSRFProtection.token(in: try CSRFProtection.postedFields(request))
        }
        if let reason {
            logger.warning(
                "CSRF check failed",
                metadata: [
                    "csrf.reason": reason, "http.path": request.path,
                    "request.id": request.requestID,
                ]
            )
            throw .permissionDenied("CSRF Failed: " + reason)
        }
        return person.identity(viaSession: true)
    }

    /// Whether the request's `sessionid` is one Django's session store refuses without a
    /// lookup (empty or shorter than 8 characters), which its `SessionMiddleware` clears
    /// on every answer, whether the session was read or not.
    static func hasUnusableSessionKey(_ request: HTTPRequest) -> Bool {
        guard let key = RequestCookies(request.headers)[sessionCookieName] else { return false }
        return key.unicodeScalars.count < 8
    }

    /// Runs database work, turning any storage failure into the API's 503.
    private func storage<T>(_ body: () throws -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch {
            logger.warning(
                "Authentication storage failed",
                metadata: ["error.message": String(describing: error)]
            )
            throw .serviceUnavailable(ErrorRenderer.unavailableDetail)
        }
    }
}
