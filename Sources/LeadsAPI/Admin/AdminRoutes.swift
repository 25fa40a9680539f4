import BodyParsing
import Credentials
import HTTPServer
import LeadsDomain
import Log

/// The `/__admin/` API for test suites: reset, snapshots, fixtures, the request journal
/// and simulated behaviour. Every call needs `Authorization: Bearer <admin token>`.
struct AdminRoutes: Sendable {
    let token: String
    let snapshots: SnapshotStore
    let journal: RequestJournal
    let behaviour: Behaviour
    let fixtures: FixturesLoader
    let logger: Logger

    /// The path that loads fixtures documents.
    static let fixturesPath = "/__admin/fixtures"
    /// The body limit of `fixturesPath`: a fixtures document with thousands of leads runs
    /// to megabytes, well past the limit that suits API requests.
    static let fixturesBodySizeLimit = 64 << 20

    /// Registers every admin endpoint.
    func register(in router: inout Router) {
        add(&router, .post, "/__admin/reset", reset)
        add(&router, .get, "/__admin/snapshots", listSnapshots)
        add(&router, .post, "/__admin/snapshots", saveSnapshot)
        add(&router, .post, "/__admin/snapshots/{name}/restore", restoreSnapshot)
        add(&router, .delete, "/__admin/snapshots/{name}", deleteSnapshot)
        add(&router, .post, Self.fixturesPath, loadFixtures)
        add(&router, .get, "/__admin/requests", listRequests)
        add(&router, .delete, "/__admin/requests", clearRequests)
        add(&router, .get, "/__admin/behaviour", readBehaviour)
        add(&router, .put, "/__admin/behaviour", updateBehaviour)
    }

    private func add(
        _ router: inout Router,
        _ method: HTTPMethod,
        _ pattern: String,
        _ handler: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse
    ) {
        let expected = Array(token.utf8)
        router.add(method, pattern) { request in
            let offered = request.headers["Authorization"].flatMap { header -> [UInt8]? in
                guard header.lowercased().hasPrefix("bearer ") else { return nil }
                return Array(header.dropFirst("bearer ".count).utf8)
            }
            guard let offered, ConstantTime.equals(offered, expected) else {
                var response = JSONResponse.detail(
                    .unauthorized,
                    "Invalid or missing admin token."
                )
                response.headers.add(name: "WWW-Authenticate", value: "Bearer realm=\"admin\"")
                return response
            }
            return try handler(request)
        }
    }

    private func reset(_ request: HTTPRequest) throws -> HTTPResponse {
        let start = Timestamp.now()
        try snapshots.reset()
        let milliseconds = (Timestamp.now() - start) * 1000
        logger.info("Database reset", metadata: ["admin.duration_ms": format(milliseconds)])
        return JSONResponse.make(
            .ok,
            object([("status", .string("reset")), ("duration_ms", number(milliseconds))])
        )
    }

    private func listSnapshots(_ request: HTTPRequest) throws -> HTTPResponse {
        JSONResponse.make(
            .ok,
            object([("snapshots", .array(snapshots.list().map(snapshotJSON)))])
        )
    }

    private func saveSnapshot(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try jsonObject(request)
        guard case .string(let name)? = body["name"] else {
            throw APIError.validation(
                FieldErrors(field: "name", message: "This field is required.")
            )
        }
        guard SnapshotStore.isValidName(name) else {
            throw APIError.validation(
                FieldErrors(
                    field: "name",
                    message: "Use 1 to 64 letters, digits, '_', '.' or '-', not starting "
                        + "with '.'."
                )
            )
        }
        let info = try snapshots.save(name)
        logger.info("Snapshot saved", metadata: ["admin.snapshot": name])
        return JSONResponse.make(.created, snapshotJSON(info))
    }

    private func restoreSnapshot(_ request: HTTPRequest) throws -> HTTPResponse {
        let name = request.pathParameters["name"] ?? ""
        guard try snapshots.restore(name) else {
            throw APIError.notFound("No snapshot named \"\(name)\".")
        }
        logger.info("Snapshot restored", metadata: ["admin.snapshot": name])
        return JSONResponse.make(
            .ok,
            object([("status", .string("restored")), ("name", .string(name))])
        )
    }

    private func deleteSnapshot(_ request: HTTPRequest) throws -> HTTPResponse {
        let name = request.pathParameters["name"] ?? ""
        guard snapshots.info(name) != nil, snapshots.delete(name) else {
            throw APIError.notFound("No snapshot named \"\(name)\".")
        }
        return JSONResponse.noContent()
    }

    private func loadFixtures(_ request: HTTPRequest) throws -> HTTPResponse {
        let summary: FixturesSummary
        do {
            summary = try fixtures.load(bytes: request.body)
        } catch let error as FixturesError {
            throw APIError.malformedBody(error.message)
        }
        return JSONResponse.make(
            .ok,
            object([
                ("organisations", .number(String(summary.organisations))),
                ("people", .number(String(summary.people))),
                ("sales_stages", .number(String(summary.salesStages))),
                ("clients", .number(String(summary.clients))),
                ("leads", .number(String(summary.leads))),
            ])
        )
    }

    private func listRequests(_ request: HTTPRequest) throws -> HTTPResponse {
        var filter = JournalFilter()
        var errors = FieldErrors()
        for (name, value) in request.queryItems where !value.isEmpty {
            switch name {
            case "method": filter.method = value
            case "path": filter.path = value
            case "status":
                if let status = Int(value) {
                    filter.status = status
                } else {
                    errors.add("status", "A valid integer is required.")
                }
            case "since":
                if let since = UTCDateTime.parse(value) {
                    filter.since =
                        Double(since.secondsSinceEpoch) + Double(since.microseconds) / 1e6
                } else {
                    errors.add(
                        "since",
                        "Datetime has wrong format. Use one of these formats instead: "
                            + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
                    )
                }
            case "limit":
                if let limit = Int(value), (1...1000).contains(limit) {
                    filter.limit = limit
                } else {
                    errors.add("limit", "Ensure this value is an integer from 1 to 1000.")
                }
            default:
                continue
            }
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }

        let entries = journal.entries(matching: filter).map(entryJSON)
        return JSONResponse.make(.ok, object([("requests", .array(entries))]))
    }

    private func clearRequests(_ request: HTTPRequest) throws -> HTTPResponse {
        journal.clear()
        return JSONResponse.noContent()
    }

    private func readBehaviour(_ request: HTTPRequest) throws -> HTTPResponse {
        JSONResponse.make(.ok, behaviourJSON(behaviour.settings))
    }

    private func updateBehaviour(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try jsonObject(request)
        let settings = try BehaviourDocument.settings(from: body, current: behaviour.settings)
        behaviour.update(settings)
        logger.info("Behaviour changed", metadata: ["admin.error_rate": "\(settings.errorRate)"])
        return JSONResponse.make(.ok, behaviourJSON(settings))
    }

    private func jsonObject(_ request: HTTPRequest) throws -> JSONObject {
        guard case .object(let object) = try BodyDecoder.decodeJSON(request.body) else {
            throw APIError.validation(
                FieldErrors(
                    field: FieldErrors.nonFieldErrorsKey,
                    message: "Invalid data. Expected a JSON object."
                )
            )
        }
        return object
    }

    private func snapshotJSON(_ info: SnapshotInfo) -> JSONValue {
        object([
            ("name", .string(info.name)),
            ("created_at", .string(Timestamp.iso8601(info.createdAt))),
            ("size_bytes", .number(String(info.sizeBytes))),
        ])
    }

    private func entryJSON(_ entry: JournalEntry) -> JSONValue {
        object([
            ("id", .number(String(entry.id))),
            ("timestamp", .string(Timestamp.iso8601(entry.timestamp))),
            ("method", .string(entry.method)),
            ("path", .string(entry.path)),
            ("query", entry.query.map { .string($0) } ?? .null),
            ("status", .number(String(entry.status))),
            ("duration_ms", number(entry.durationMilliseconds)),
            ("request_id", .string(entry.requestID)),
            ("request_headers", .object(JSONObject(entry.headers.map { ($0.0, .string($0.1)) }))),
            ("request_body", entry.body.map { .string($0) } ?? .null),
            ("request_body_truncated", .bool(entry.bodyTruncated)),
        ])
    }

    private func behaviourJSON(_ settings: BehaviourSettings) -> JSONValue {
        BehaviourDocument.json(settings)
    }

    private func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs))
    }

    private func number(_ value: Double) -> JSONValue {
        .number(format(value))
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return String(rounded)
    }
}
