import BodyParsing
import Credentials
import LeadsAPI
import LeadsDomain
import Log
import TestSupport
import Testing

@Suite("Admin API: the request journal")
struct RequestJournalTests {
    /// The journal's entries for a query such as `?method=GET`.
    static func entries(_ server: APITestServer, _ query: String = "") throws -> [JSONValue] {
        let response = try server.admin("GET", "/__admin/requests" + query)
        #expect(response.status == 200, "\(query): \(response.text)")
        return try parsedBody(response).member("requests")?.arrayValue ?? []
    }

    /// The `path` of each entry.
    static func paths(_ entries: [JSONValue]) -> [String] {
        entries.compactMap { $0.member("path")?.stringValue }
    }

    @Test("each request is recorded with its details, newest first")
    func entryDetails() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let listed = try server.request(
            "GET",
            leadsPath() + "?search=web&ordering=title",
            as: "alice",
            headers: [("X-Request-Id", "list-call-1")]
        )
        #expect(listed.status == 200)
        let body =
            "{\"title\":  \"Journalled\", \"lead_source\": \"website\", "
            + "\"sales_stage\": \"stage-new\", \"estimated_value\": 1000.50}"
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: body
        )
        #expect(created.status == 201)
        _ = try server.request("GET", "/healthz")
        _ = try server.request("GET", "/metrics")

        let entries = try Self.entries(server)
        #expect(Self.paths(entries) == [leadsPath("org-a", "create/"), leadsPath()])

        let post = try #require(entries.first)
        #expect(
            post.keys == [
                "id", "timestamp", "method", "path", "query", "status", "duration_ms",
                "request_id", "request_headers", "request_body", "request_body_truncated",
            ]
        )
        #expect(post.member("method")?.stringValue == "POST")
        #expect(post.member("query") == .null)
        #expect(post.member("status")?.intValue == 201)
        #expect((post.member("duration_ms")?.doubleValue ?? -1) >= 0)
        #expect(post.member("request_id")?.stringValue == created.header("X-Request-Id"))
        #expect(post.member("request_body")?.stringValue == body)
        #expect(post.member("request_body_truncated") == .bool(false))
        let headers = post.member("request_headers")
        #expect(headers?.member("Content-Type")?.stringValue == "application/json")
        #expect(headers?.member("Authorization")?.stringValue == "[redacted]")
        let timestamp = try #require(post.member("timestamp")?.stringValue)
        #expect(timestamp.count == 24 && timestamp.hasSuffix("Z"), "\(timestamp)")

        let get = try #require(entries.last)
        #expect(get.member("method")?.stringValue == "GET")
        #expect(get.member("query")?.stringValue == "search=web&ordering=title")
        #expect(get.member("status")?.intValue == 200)
        #expect(get.member("request_id")?.stringValue == "list-call-1")
        #expect(get.member("request_body") == .null)
        #expect((get.member("id")?.intValue ?? 0) < (post.member("id")?.intValue ?? 0))
    }

    @Test("the timestamp and the since filter use the time the request was received")
    func timestampIsReceptionTime() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let sent = Timestamp.now()
        let slow = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            headers: [("Prefer", "delay=2000")]
        )
        #expect(slow.status == 200)

        let entry = try #require(try Self.entries(server).first)
        let stamped = try #require(entry.member("timestamp")?.stringValue)
        let received = try #require(UTCDateTime.parse(stamped))
        // Received right after sending, so well before the two-second delay ran out.
        let receivedAt = Double(received.secondsSinceEpoch) + Double(received.microseconds) / 1e6
        #expect(receivedAt < sent + 1)

        let duringDelay = Timestamp.iso8601(sent + 1)
        #expect(try Self.entries(server, "?since=" + duringDelay).isEmpty)
        #expect(try Self.entries(server, "?since=" + stamped).count == 1)
    }

    @Test("repeated headers are kept, joined, and key-like headers are redacted")
    func headersAreJoinedAndRedacted() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        _ = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            headers: [
                ("X-Trace", "first"), ("Accept", "application/json"), ("x-trace", "second"),
                ("X-Api-Key", "key-one"), ("ApiKey", "key-two"), ("X-Auth-Token", "key-three"),
                ("X-Client-Secret", "key-four"), ("X-Password", "key-five"),
            ]
        )

        let journal = try server.admin("GET", "/__admin/requests")
        for secret in ["key-one", "key-two", "key-three", "key-four", "key-five"] {
            #expect(!journal.text.contains(secret), "\(secret) leaked")
        }
        let entry = try #require(try Self.entries(server).first)
        let headers = try #require(entry.member("request_headers"))
        #expect(headers.member("X-Trace")?.stringValue == "first, second")
        #expect(headers.member("x-trace") == nil)
        #expect(headers.member("X-Api-Key")?.stringValue == "[redacted]")
        #expect(headers.member("ApiKey")?.stringValue == "[redacted]")
        #expect(headers.member("Accept")?.stringValue == "application/json")
    }

    @Test("credentials, passwords and CSRF tokens never reach the journal")
    func secretsAreRedacted() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let secrets = [
            "hunter2-json", "hunter2-nested", "csrf-json-token", "hunter2-form", "csrf-form-token",
            "hunter2-query", "csrf-query-token", "cookie-session-value", "csrf-header-token",
            "hunter2-multipart", "hunter2-login", "basic-password-xyz", "hunter2-escaped",
            "hunter2-accented",
        ]

        _ = try server.request(
            "POST",
            leadsPath("org-a", "create/"),
            headers: [
                ("Content-Type", "application/json"),
                ("Cookie", "sessionid=cookie-session-value; csrftoken=abc"),
                ("X-CSRFToken", "csrf-header-token"),
                (
                    "Authorization",
                    "Basic " + Base64.encode(Array("alice:basic-password-xyz".utf8))
                ),
            ],
            body: "{\"title\": \"t\", \"password\": \"hunter2-json\", "
                + "\"nested\": [{\"password\": \"hunter2-nested\"}], "
                + "\"csrfmiddlewaretoken\": \"csrf-json-token\"}"
        )
        // A secret key spelt with an escape, and one in a body with non-ASCII text, are
        // found as well as plain ones.
        _ = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: #"{"title": "t", "pass\u0077ord": "hunter2-escaped"}"#
        )
        _ = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: "{\"title\": \"Caf\u{00e9}\", \"Password\": \"hunter2-accented\"}"
        )
        _ = try server.form(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            fields: [
                ("title", "visible-title"), ("password", "hunter2-form"),
                ("csrfmiddlewaretoken", "csrf-form-token"),
            ]
        )
        _ = try server.request(
            "GET",
            leadsPath() + "?password=hunter2-query&csrfmiddlewaretoken=csrf-query-token"
                + "&search=visible-search",
            as: "alice"
        )
        _ = try server.multipart(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            fields: [("title", "visible-multipart"), ("password", "hunter2-multipart")]
        )
        _ = try server.request(
            "POST",
            "/api-auth/login/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "username=alice&password=hunter2-login&csrfmiddlewaretoken=x"
        )

        let journal = try server.admin("GET", "/__admin/requests")
        #expect(journal.status == 200)
        for secret in secrets {
            #expect(!journal.text.contains(secret), "\(secret) leaked")
        }
        for visible in ["visible-title", "visible-search", "visible-multipart", "username=alice"] {
            #expect(journal.text.contains(visible), "\(visible) missing")
        }
        #expect(Self.paths(try Self.entries(server)).count == 7)
        #expect(!journal.text.contains("alice-pass"))
    }

    @Test("request bodies are cut at 4096 bytes")
    func bodiesAreTruncated() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let long = String(repeating: "abcdefgh", count: 700)
        _ = try server.request(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            headers: [("Content-Type", "text/plain")],
            body: long
        )
        _ = try server.request(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            headers: [("Content-Type", "text/plain")],
            body: String(long.prefix(4096))
        )

        let entries = try Self.entries(server)
        #expect(entries.count == 2)
        let exact = try #require(entries.first)
        #expect(exact.member("request_body")?.stringValue == String(long.prefix(4096)))
        #expect(exact.member("request_body_truncated") == .bool(false))
        let cut = try #require(entries.last)
        #expect(cut.member("request_body")?.stringValue == String(long.prefix(4096)))
        #expect(cut.member("request_body_truncated") == .bool(true))
    }

    @Test("filters by method, path, status and time, with a limit")
    func filters() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        _ = try server.request("GET", leadsPath(), as: "alice")
        _ = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        _ = try server.request("GET", leadsPath("org-a", "missing/"), as: "alice")
        _ = try server.request("DELETE", leadsPath("org-a", "lead-3/delete/"), as: "alice")
        _ = try server.request("GET", leadsPath())
        let all = try Self.entries(server)
        #expect(all.count == 5)

        #expect(try Self.entries(server, "?method=delete").count == 1)
        #expect(try Self.entries(server, "?method=GET").count == 4)
        #expect(
            Self.paths(try Self.entries(server, "?path=" + leadsPath()))
                == [leadsPath(), leadsPath()]
        )
        let notFound = try Self.entries(server, "?status=404")
        #expect(Self.paths(notFound) == [leadsPath("org-a", "missing/")])
        #expect(try Self.entries(server, "?status=401&method=GET").count == 1)
        #expect(try Self.entries(server, "?status=500").isEmpty)

        let limited = try Self.entries(server, "?limit=2")
        #expect(limited.count == 2)
        #expect(limited.first?.member("status")?.intValue == 401)

        let third = try #require(all.dropFirst(2).first)
        let since = try #require(third.member("timestamp")?.stringValue)
        let recent = try Self.entries(server, "?since=" + since)
        #expect(recent.count >= 3 && recent.count <= 5)
        #expect(try Self.entries(server, "?since=2999-01-01T00:00:00Z").isEmpty)
        #expect(try Self.entries(server, "?since=2000-01-01T00:00:00Z").count == 5)
    }

    @Test("bad filters are 400 with a field error")
    func badFilters() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let cases = [
            ("status=abc", "status"), ("since=yesterday", "since"), ("limit=0", "limit"),
            ("limit=1001", "limit"), ("limit=ten", "limit"),
            ("since=2026-13-01T00:00:00Z", "since"),
        ]
        for (query, field) in cases {
            let response = try server.admin("GET", "/__admin/requests?" + query)
            #expect(response.status == 400, "\(query)")
            #expect(try parsedBody(response).member(field)?.arrayValue?.count == 1, "\(query)")
        }
    }

    @Test("DELETE clears the journal")
    func clearing() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        _ = try server.request("GET", leadsPath(), as: "alice")
        #expect(try Self.entries(server).count == 1)

        let cleared = try server.admin("DELETE", "/__admin/requests")
        #expect(cleared.status == 204)
        #expect(try server.admin("GET", "/__admin/requests").text == #"{"requests":[]}"#)

        _ = try server.request("GET", leadsPath("org-a", "lead-2/"), as: "alice")
        #expect(Self.paths(try Self.entries(server)) == [leadsPath("org-a", "lead-2/")])
    }

    @Test("the journal keeps only the configured number of entries")
    func bounded() throws {
        let server = try APITestServer.withAdmin { $0.journalSize = 5 }
        defer { server.stop() }

        for number in 1...10 {
            _ = try server.request("GET", leadsPath("org-a", "lead-\(number)/"), as: "alice")
        }

        let entries = try Self.entries(server, "?limit=1000")
        #expect(
            Self.paths(entries) == (6...10).reversed().map { leadsPath("org-a", "lead-\($0)/") }
        )
    }
}
