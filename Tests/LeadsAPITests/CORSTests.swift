import BodyParsing
import LeadsAPI
import TestSupport
import Testing

@Suite("Cross-origin requests from browser apps")
struct CORSTests {
    /// The preflight a browser sends before a credentialed JSON POST with a CSRF token.
    static func preflight(
        _ server: APITestServer,
        path: String = leadsPath("org-a", "create/"),
        origin: String,
        method: String = "POST",
        headers: String = "authorization, content-type, x-csrftoken"
    ) throws -> ClientResponse {
        try server.request(
            "OPTIONS",
            path,
            headers: [
                ("Origin", origin), ("Access-Control-Request-Method", method),
                ("Access-Control-Request-Headers", headers),
            ]
        )
    }

    /// Checks the headers of an answer to an allowed, credentialed cross-origin request.
    static func expectAllowed(
        _ response: ClientResponse,
        origin: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            response.headerValues("Access-Control-Allow-Origin") == [origin],
            sourceLocation: sourceLocation
        )
        #expect(
            response.headerValues("Access-Control-Allow-Credentials") == ["true"],
            sourceLocation: sourceLocation
        )
        #expect(listedValues(response, "Vary").contains("origin"), sourceLocation: sourceLocation)
        #expect(
            !response.headers.contains { $0.1.trimmingSpaces == "*" },
            sourceLocation: sourceLocation
        )
    }

    @Test("local development origins on any port are allowed by default, with credentials")
    func defaultOrigins() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for origin in ["http://localhost:5173", "http://127.0.0.1:3000", "http://localhost"] {
            let response = try server.request(
                "GET",
                leadsPath(),
                as: "alice",
                headers: [("Origin", origin)]
            )
            #expect(response.status == 200, "\(origin)")
            Self.expectAllowed(response, origin: origin)
            let exposed = listedValues(response, "Access-Control-Expose-Headers")
            #expect(exposed.contains("x-request-id"), "\(origin)")
            #expect(try listedUniqueIDs(response) == ["lead-3", "lead-2", "lead-1"])
        }
    }

    @Test("errors carry the CORS headers too, so scripts can read a 401")
    func errorsAreReadable() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "GET",
            leadsPath(),
            headers: [("Origin", "http://localhost:3000")]
        )

        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == #"Basic realm="api""#)
        Self.expectAllowed(response, origin: "http://localhost:3000")
    }

    @Test("admin and routing errors carry the CORS and Django headers like any answer")
    func thrownErrorsAreReadable() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let origin = "http://localhost:3000"
        let admin = [("Authorization", "Bearer " + adminTestToken), ("Origin", origin)]

        let invalid = try server.request(
            "POST",
            "/__admin/snapshots",
            headers: admin + [("Content-Type", "application/json")],
            body: #"{"name":".bad"}"#
        )
        let missing = try server.request(
            "POST",
            "/__admin/snapshots/none/restore",
            headers: admin
        )
        let adminMethod = try server.request("PATCH", "/__admin/reset", headers: admin)
        let apiMethod = try server.request(
            "POST",
            "/api/schema/",
            headers: [("Origin", origin)]
        )

        let answers = [(invalid, 400), (missing, 404), (adminMethod, 405), (apiMethod, 405)]
        for (response, status) in answers {
            #expect(response.status == status)
            Self.expectAllowed(response, origin: origin)
            #expect(response.header("X-Frame-Options") == "DENY", "\(status)")
        }
        #expect(listedValues(apiMethod, "Allow") == ["get", "head"])
    }

    @Test("a preflight is answered before authentication with methods, headers and max-age")
    func preflightNeedsNoCredentials() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let requests = [
            (leadsPath("org-a", "create/"), "POST"),
            (leadsPath("org-a", "lead-1/update/"), "PATCH"),
            (leadsPath("org-a", "lead-1/delete/"), "DELETE"),
            (leadsPath(), "GET"),
        ]
        for (path, method) in requests {
            let response = try Self.preflight(
                server,
                path: path,
                origin: "http://localhost:5173",
                method: method
            )

            #expect([200, 204].contains(response.status), "\(path)")
            #expect(response.body.isEmpty)
            #expect(response.header("WWW-Authenticate") == nil)
            Self.expectAllowed(response, origin: "http://localhost:5173")
            let methods = listedValues(response, "Access-Control-Allow-Methods")
            for expected in ["get", "post", "put", "patch", "delete", "options"] {
                #expect(methods.contains(expected), "\(expected) in \(methods)")
            }
            let headers = listedValues(response, "Access-Control-Allow-Headers")
            for expected in ["authorization", "content-type", "x-csrftoken", "prefer"] {
                #expect(headers.contains(expected), "\(expected) in \(headers)")
            }
            let maxAge = try #require(response.header("Access-Control-Max-Age").flatMap(Int.init))
            #expect(maxAge > 0)
            #expect(
                listedValues(response, "Vary") == [
                    "origin", "access-control-request-method", "access-control-request-headers",
                ]
            )
        }
    }

    @Test("a preflight asking for other request headers is granted them")
    func preflightGrantsRequestedHeaders() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try Self.preflight(
            server,
            origin: "http://localhost:5173",
            headers: "content-type,sentry-trace, Baggage"
        )

        #expect(response.status == 200)
        let headers = listedValues(response, "Access-Control-Allow-Headers")
        for expected in ["content-type", "sentry-trace", "baggage", "x-csrftoken"] {
            #expect(headers.contains(expected), "\(expected) in \(headers)")
        }
    }

    @Test("a plain OPTIONS keeps the API's own answers: 401 anonymous, metadata signed in")
    func plainOptionsIsTheAPIs() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let origin = ("Origin", "http://localhost:5173")

        let anonymous = try server.request("OPTIONS", leadsPath(), headers: [origin])
        expectJSON(
            anonymous,
            401,
            #"{"detail":"Authentication credentials were not provided."}"#
        )
        #expect(anonymous.header("Access-Control-Allow-Methods") == nil)
        Self.expectAllowed(anonymous, origin: "http://localhost:5173")

        let signedIn = try server.request("OPTIONS", leadsPath(), as: "alice", headers: [origin])
        #expect(signedIn.status == 200)
        let metadata = try parsedBody(signedIn)
        #expect(metadata.member("name")?.stringValue == "Lead List")
        #expect(metadata.keys == ["name", "description", "renders", "parses"])
        #expect(signedIn.header("Access-Control-Allow-Methods") == nil)
        Self.expectAllowed(signedIn, origin: "http://localhost:5173")
    }

    @Test("an origin that is not allowed gets no CORS headers at all")
    func otherOriginsGetNothing() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let origins = [
            "http://evil.example", "http://localhost.evil.example:3000", "https://localhost:3000",
            "http://localhost:abc", "null", "http://127.0.0.1.nip.io:8000",
        ]
        for origin in origins {
            let simple = try server.request(
                "GET",
                leadsPath(),
                as: "alice",
                headers: [("Origin", origin)]
            )
            #expect(simple.status == 200, "\(origin)")
            #expect(corsHeaders(simple).isEmpty, "\(origin): \(corsHeaders(simple))")

            let preflight = try Self.preflight(server, origin: origin)
            #expect(corsHeaders(preflight).isEmpty, "\(origin): \(corsHeaders(preflight))")
        }
    }

    @Test("a configured list replaces the default origins")
    func configuredOrigins() throws {
        let server = try APITestServer { $0.corsOrigins = ["https://app.example.com"] }
        defer { server.stop() }

        let allowed = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            headers: [("Origin", "https://app.example.com")]
        )
        Self.expectAllowed(allowed, origin: "https://app.example.com")
        let preflight = try Self.preflight(server, origin: "https://app.example.com")
        Self.expectAllowed(preflight, origin: "https://app.example.com")

        for origin in ["http://localhost:3000", "https://app.example.com:8443"] {
            let refused = try server.request(
                "GET",
                leadsPath(),
                as: "alice",
                headers: [("Origin", origin)]
            )
            #expect(corsHeaders(refused).isEmpty, "\(origin)")
        }
    }

    @Test("allowed origins pass the CSRF origin check of session requests; others do not")
    func allowedOriginsAreTrustedForCSRF() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = SessionClient(server)
        #expect(try browser.logIn("alice").status == 302)
        let secret = try #require(browser.csrfSecret)
        let body =
            "{\"title\": \"From the app\", \"lead_source\": \"website\", "
            + "\"sales_stage\": \"stage-new\"}"

        let trusted = try browser.send(
            "POST",
            leadsPath("org-a", "create/"),
            headers: [
                ("Content-Type", "application/json"), ("X-CSRFToken", secret),
                ("Origin", "http://localhost:5173"),
            ],
            body: body
        )
        #expect(trusted.status == 201)
        Self.expectAllowed(trusted, origin: "http://localhost:5173")

        let untrusted = try browser.send(
            "POST",
            leadsPath("org-a", "create/"),
            headers: [
                ("Content-Type", "application/json"), ("X-CSRFToken", secret),
                ("Origin", "http://evil.example"),
            ],
            body: body
        )
        expectJSON(
            untrusted,
            403,
            #"{"detail":"CSRF Failed: Origin checking failed - http://evil.example does not "#
                + #"match any trusted origins."}"#
        )
        #expect(corsHeaders(untrusted).isEmpty)
    }
}

extension String {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
