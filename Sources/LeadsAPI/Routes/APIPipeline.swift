import HTTPServer
import Log
import Storage

/// The steps DRF's `APIView.dispatch` runs before a handler, in its order: content
/// negotiation, authentication, permissions (authenticated, then a member of the
/// organisation), then the method check. Every answer, errors included, carries the
/// `Allow` and `Vary` headers DRF adds.
struct APIPipeline: Sendable {
    /// Whose membership of which organisation a cached answer is about.
    struct Membership: Hashable, Sendable {
        let personID: Int64
        let organisationUID: String
    }

    let authenticator: Authenticator
    let database: Database
    let errors: ErrorRenderer
    /// The organisation's row id for a member, nil for anyone else.
    let memberships: VersionedCache<Membership, Int64?>

    init(authenticator: Authenticator, database: Database, errors: ErrorRenderer) {
        self.authenticator = authenticator
        self.database = database
        self.errors = errors
        memberships = VersionedCache(
            database: database,
            ignoringWritesTo: LeadRepository.tables
        )
    }

    /// Runs the checks and the handler, and renders whatever they throw.
    func serve(_ endpoint: APIEndpoint, _ request: HTTPRequest) -> HTTPResponse {
        var usedSession = false
        var staleSession = false
        var response: HTTPResponse
        do {
            response = try run(
                endpoint,
                request,
                usedSession: &usedSession,
                staleSession: &staleSession
            )
        } catch {
            response = errors.response(for: error, request: request)
        }
        if let indent = ContentNegotiation.indent(for: request) {
            response = JSONResponse.indented(response, by: indent)
        }

        response.headers.set(
            name: "Allow",
            value: endpoint.allowedMethods.map(\.rawValue).joined(separator: ", ")
        )
        // Django's `SessionMiddleware` deletes a session cookie that leads nowhere, and
        // then varies on `Cookie` too.
        let clearsSession = staleSession || Authenticator.hasUnusableSessionKey(request)
        if clearsSession {
            PageResponse.setCookie(SetCookie.sessionDeletion, on: &response)
        }
        let variesWithCookie = usedSession || clearsSession
        response.headers.set(name: "Vary", value: variesWithCookie ? "Accept, Cookie" : "Accept")
        return response
    }

    private func run(
        _ endpoint: APIEndpoint,
        _ request: HTTPRequest,
        usedSession: inout Bool,
        staleSession: inout Bool
    ) throws -> HTTPResponse {
        try ContentNegotiation.check(request)

        // HTTP Basic is tried first and settles the matter whenever the request offers it;
        // otherwise the session is read, and Django then adds `Cookie` to `Vary`.
        usedSession = !Self.offersBasicCredentials(request)
        let identity = try authenticator.authenticate(request, staleSession: &staleSession)
        guard let identity else {
            throw APIError.notAuthenticated
        }
        usedSession = identity.viaSession

        let organisationUID = request.pathParameters["org_uid"] ?? ""
        let membership = Membership(personID: identity.personID, organisationUID: organisationUID)
        let organisationID = try memberships.value(for: membership) {
            try database.read { connection in
                try OrganisationRepository(connection: connection)
                    .organisationID(uniqueID: organisationUID, member: identity.personID)
            }
        }
        guard let organisationID else {
            throw APIError.permissionDenied(APIError.permissionDeniedDetail)
        }

        if request.method == .options {
            return endpoint.metadata()
        }
        guard let handler = endpoint.handler(for: request.method) else {
            throw APIError.methodNotAllowed(request.method)
        }
        return try handler(
            APIContext(request: request, identity: identity, organisationID: organisationID)
        )
    }

    /// Whether a method only reads, as HTTP defines it.
    static func isSafe(_ method: HTTPMethod) -> Bool {
        method == .get || method == .head || method == .options
    }

    /// Whether DRF's Basic authentication takes the request: its `Authorization` header
    /// starts with the word `Basic` in any case, well formed or not.
    static func offersBasicCredentials(_ request: HTTPRequest) -> Bool {
        guard let header = request.headers["Authorization"] else { return false }
        let scheme = header.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
        return scheme?.lowercased() == "basic"
    }
}
