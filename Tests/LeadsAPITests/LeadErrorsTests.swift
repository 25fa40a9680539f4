import TestSupport
import Testing

/// Validation messages, authentication, permissions, methods, negotiation and Django's own
/// answers for paths that reach no view.
@Suite struct LeadErrorsTests {
    private let createPath = leadsPath("org-a", "create/")

    @Test func everyInvalidFieldIsListedAtOnceInFieldOrder() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let tooLong = String(repeating: "u", count: 101)

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"follow_up_date": "tomorrow", "expected_close_date": "2026-13-01",
                 "client": "client-x", "sales_stage": "stage-x", "win_probability": "12.345",
                 "estimated_value": "abc", "lead_source": "tv", "priority": "urgent",
                 "title": "   ", "unique_id": "\(tooLong)"}
                """
        )

        expectJSON(
            response,
            400,
            #"{"unique_id":["Ensure this field has no more than 100 characters."],"#
                + #""title":["This field may not be blank."],"#
                + #""priority":["\"urgent\" is not a valid choice."],"#
                + #""lead_source":["\"tv\" is not a valid choice."],"#
                + #""estimated_value":["A valid number is required."],"#
                + #""win_probability":["Ensure that there are no more than 2 decimal places."],"#
                + #""sales_stage":["Object with unique_id=stage-x does not exist."],"#
                + #""client":["Object with unique_id=client-x does not exist."],"#
                + #""expected_close_date":["Date has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DD."],"#
                + #""follow_up_date":["Datetime has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}"#
        )
        expectAPIHeaders(response, allow: Allowed.create)
        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["lead-3", "lead-2", "lead-1"])
    }

    @Test(arguments: [
        (#""title": null"#, #"{"title":["This field may not be null."]}"#),
        (#""title": true"#, #"{"title":["Not a valid string."]}"#),
        (#""title": ["x"]"#, #"{"title":["Not a valid string."]}"#),
        (#""title": "a\u0000b""#, #"{"title":["Null characters are not allowed."]}"#),
        (
            #""title": "\udc00""#,
            #"{"title":["Surrogate characters are not allowed: U+DC00."]}"#
        ),
        (
            #""description": "x\ud800y""#,
            #"{"description":["Surrogate characters are not allowed: U+D800."]}"#
        ),
        (
            #""qualification_notes": "\ud83d""#,
            #"{"qualification_notes":["Surrogate characters are not allowed: U+D83D."]}"#
        ),
        (
            #""unique_id": "lead-1\udfff""#,
            #"{"unique_id":["Surrogate characters are not allowed: U+DFFF."]}"#
        ),
        (
            #""priority": "\udc00""#,
            #"{"priority":["\"\udc00\" is not a valid choice."]}"#
        ),
        (#""estimated_value": "1\udc00""#, #"{"estimated_value":["A valid number is required."]}"#),
        (#""sales_stage": "s\udc00""#, #"{"sales_stage":["Invalid value."]}"#),
        (
            #""expected_close_date": "\udc00""#,
            #"{"expected_close_date":["Date has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DD."]}"#
        ),
        (
            #""follow_up_date": "\udc00""#,
            #"{"follow_up_date":["Datetime has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}"#
        ),
        (#""lead_source": null"#, #"{"lead_source":["This field may not be null."]}"#),
        (#""lead_source": 5"#, #"{"lead_source":["\"5\" is not a valid choice."]}"#),
        (#""lead_source": "Website""#, #"{"lead_source":["\"Website\" is not a valid choice."]}"#),
        (#""priority": null"#, #"{"priority":["This field may not be null."]}"#),
        (#""priority": """#, #"{"priority":["\"\" is not a valid choice."]}"#),
        (
            #""estimated_value": "12345678901234567.5""#,
            #"{"estimated_value":["Ensure that there are no more than 16 digits before the "#
                + #"decimal point."]}"#
        ),
        (
            #""estimated_value": 1234567890123456789"#,
            #"{"estimated_value":["Ensure that there are no more than 18 digits in total."]}"#
        ),
        (#""estimated_value": "NaN""#, #"{"estimated_value":["A valid number is required."]}"#),
        (#""estimated_value": "1,000""#, #"{"estimated_value":["A valid number is required."]}"#),
        (#""estimated_value": true"#, #"{"estimated_value":["A valid number is required."]}"#),
        (
            #""win_probability": "1000""#,
            #"{"win_probability":["Ensure that there are no more than 3 digits before the "#
                + #"decimal point."]}"#
        ),
        (
            #""win_probability": 123456"#,
            #"{"win_probability":["Ensure that there are no more than 5 digits in total."]}"#
        ),
        (
            #""win_probability": 0.125"#,
            #"{"win_probability":["Ensure that there are no more than 2 decimal places."]}"#
        ),
        (
            #""sales_stage": "stage-b""#,
            #"{"sales_stage":["Object with unique_id=stage-b does not exist."]}"#
        ),
        (
            #""sales_stage": 123"#,
            #"{"sales_stage":["Object with unique_id=123 does not exist."]}"#
        ),
        (
            #""expected_close_date": "2026-02-30""#,
            #"{"expected_close_date":["Date has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DD."]}"#
        ),
        (
            #""expected_close_date": "2026-12-01T10:00:00Z""#,
            #"{"expected_close_date":["Date has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DD."]}"#
        ),
        (
            #""follow_up_date": "2026-12-01T25:00:00Z""#,
            #"{"follow_up_date":["Datetime has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}"#
        ),
    ])
    func eachFieldRuleAnswersDRFsMessage(field: String, errors: String) throws {
        let server = try APITestServer()
        defer { server.stop() }
        var pairs = [
            "title": #""title": "T""#, "lead_source": #""lead_source": "seo""#,
            "sales_stage": #""sales_stage": null"#,
        ]
        let name = String(field.dropFirst().prefix { $0 != "\"" })
        pairs[name] = field
        let body = "{" + pairs.values.sorted().joined(separator: ", ") + "}"

        let response = try server.json("POST", createPath, as: "alice", body: body)

        expectJSON(response, 400, errors)
    }

    @Test func anonymousRequestsAre401WithABasicChallenge() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let detail = #"{"detail":"Authentication credentials were not provided."}"#

        let requests: [(String, String, String)] = [
            ("GET", leadsPath(), Allowed.list),
            ("POST", createPath, Allowed.create),
            ("GET", leadsPath("org-a", "lead-1/"), Allowed.detail),
            ("PATCH", leadsPath("org-a", "lead-1/update/"), Allowed.update),
            ("DELETE", leadsPath("org-a", "lead-1/delete/"), Allowed.delete),
            ("GET", createPath, Allowed.create),
            ("POST", leadsPath("org-a", "lead-1/delete/"), Allowed.delete),
            ("GET", leadsPath("org-z"), Allowed.list),
            ("GET", leadsPath("org-a", "missing/"), Allowed.detail),
        ]
        for (method, path, allow) in requests {
            let response = try server.request(method, path, body: "")

            expectJSON(response, 401, detail)
            #expect(response.header("WWW-Authenticate") == #"Basic realm="api""#, "\(path)")
            expectAPIHeaders(response, allow: allow, vary: "Accept, Cookie, Origin")
        }
        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["lead-3", "lead-2", "lead-1"])
    }

    @Test func wrongPasswordIs401() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath(), as: "alice", password: "wrong")

        expectJSON(response, 401, #"{"detail":"Invalid username/password."}"#)
        #expect(response.header("WWW-Authenticate") == #"Basic realm="api""#)
        expectAPIHeaders(response, allow: Allowed.list)
    }

    @Test func nonMembersAndUnknownOrganisationsAre403() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let detail = #"{"detail":"You do not have permission to perform this action."}"#

        let requests: [(String, String, String, String)] = [
            ("olive", "GET", leadsPath(), Allowed.list),
            ("bob", "GET", leadsPath(), Allowed.list),
            ("alice", "GET", leadsPath("org-zzz"), Allowed.list),
            ("alice", "POST", leadsPath("org-zzz", "create/"), Allowed.create),
            ("bob", "GET", createPath, Allowed.create),
            ("bob", "OPTIONS", leadsPath("org-a", "lead-1/"), Allowed.detail),
        ]
        for (person, method, path, allow) in requests {
            let response = try server.request(method, path, as: person)

            expectJSON(response, 403, detail)
            expectAPIHeaders(response, allow: allow)
        }
    }

    @Test func methodAnEndpointLacksIs405AfterAuthentication() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let requests: [(String, String, String)] = [
            ("GET", createPath, Allowed.create),
            ("POST", leadsPath(), Allowed.list),
            ("DELETE", leadsPath("org-a", "lead-1/"), Allowed.detail),
            ("PUT", leadsPath("org-a", "lead-1/"), Allowed.detail),
            ("GET", leadsPath("org-a", "lead-1/update/"), Allowed.update),
            ("POST", leadsPath("org-a", "lead-1/update/"), Allowed.update),
            ("PUT", leadsPath("org-a", "lead-1/delete/"), Allowed.delete),
            ("TRACE", leadsPath(), Allowed.list),
            ("PROPFIND", leadsPath("org-a", "lead-1/"), Allowed.detail),
        ]
        for (method, path, allow) in requests {
            let response = try server.request(method, path, as: "alice")

            expectJSON(response, 405, #"{"detail":"Method \"\#(method)\" not allowed."}"#)
            expectAPIHeaders(response, allow: allow)
        }
        let fetched = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        #expect(fetched.text == ExpectedLead.lead1.text)
    }

    @Test func unknownMethodWithoutCredentialsIs401() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("TRACE", leadsPath())

        expectJSON(response, 401, #"{"detail":"Authentication credentials were not provided."}"#)
        expectAPIHeaders(response, allow: Allowed.list, vary: "Accept, Cookie, Origin")
    }

    @Test func acceptTheServerCannotSatisfyIs406BeforeAuthentication() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let detail = #"{"detail":"Could not satisfy the request Accept header."}"#

        let member = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            headers: [("Accept", "application/xml")]
        )
        let anonymous = try server.request(
            "POST",
            createPath,
            headers: [("Accept", "image/png, text/csv")]
        )

        expectJSON(member, 406, detail)
        expectAPIHeaders(member, allow: Allowed.list)
        expectJSON(anonymous, 406, detail)
        expectAPIHeaders(anonymous, allow: Allowed.create)
    }

    @Test(arguments: ["", "garbage", "application/xml;q=1, text/plain", "application/json-x"])
    func acceptNamingNoRendererIs406(accept: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            headers: [("Accept", accept)]
        )

        expectJSON(response, 406, #"{"detail":"Could not satisfy the request Accept header."}"#)
    }

    @Test(
        arguments: [
            ("application/json; indent=4", "    "),
            ("*/*; indent=2", "  "),
            ("application/json; indent=+3", "   "),
            ("application/json; indent=12", "        "),
            ("text/html, application/json; indent=1", " "),
            ("application/json; indent=0", nil),
            ("application/json; indent=-2", nil),
            ("application/json; indent=4.0", nil),
            ("application/json", nil),
            ("text/html; indent=4", nil),
            ("application/json, */*; indent=4", nil),
        ] as [(String, String?)]
    )
    func acceptIndentPrettyPrintsAsDRFsRenderer(accept: String, indent: String?) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let found = try server.request(
            "GET",
            leadsPath("org-a", "lead-none/"),
            as: "alice",
            headers: [("Accept", accept)]
        )

        #expect(found.status == 404)
        #expect(found.header("Content-Type") == "application/json")
        let expected = indent.map { "{\n\($0)\"detail\": \"No Lead matches the given query.\"\n}" }
        #expect(found.text == expected ?? #"{"detail":"No Lead matches the given query."}"#)
    }

    @Test func formatQueryParameterPicksARendererBeforeAuthentication() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let json = try server.request("GET", leadsPath("org-a", "lead-1/?format=json"), as: "alice")
        let unknown = try server.request("GET", leadsPath("org-a", "?format=xml"))
        let conflicting = try server.request(
            "GET",
            leadsPath("org-a", "?format=json"),
            as: "alice",
            headers: [("Accept", "text/html")]
        )

        expectJSON(json, 200, ExpectedLead.lead1.text)
        expectJSON(unknown, 404, #"{"detail":"Not found."}"#)
        expectAPIHeaders(unknown, allow: Allowed.list)
        expectJSON(
            conflicting,
            406,
            #"{"detail":"Could not satisfy the request Accept header."}"#
        )
    }

    @Test func headOnAnEndpointWithoutGetIs405() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("HEAD", createPath, as: "alice")

        #expect(response.status == 405)
        #expect(response.body.isEmpty)
        expectAPIHeaders(response, allow: Allowed.create)
    }

    @Test(arguments: ["TRACE", "POST", "DELETE", "OPTIONS"])
    func aMethodTheHealthCheckLacksIs405WithAllow(method: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(method, "/healthz", body: "")

        expectJSON(response, 405, #"{"detail":"Method \"\#(method)\" not allowed."}"#)
        #expect(response.header("Allow") == "GET, HEAD")
    }

    @Test(arguments: [
        "application/json", "*/*", "application/*", "text/html,*/*;q=0.8", "text/html",
        "application/json;q=0", "application/json; indent=0", "image/png, application/json",
    ])
    func acceptableAcceptHeadersGetJSON(accept: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "GET",
            leadsPath("org-a", "lead-1/"),
            as: "alice",
            headers: [("Accept", accept)]
        )

        expectJSON(response, 200, ExpectedLead.lead1.text)
    }

    @Test(arguments: [
        ("/api/v1.0/organisation/org-a/leads", "/api/v1.0/organisation/org-a/leads/"),
        (
            "/api/v1.0/organisation/org-a/leads?name=web&status=open",
            "/api/v1.0/organisation/org-a/leads/?name=web&status=open"
        ),
        ("/api/v1.0/organisation/org-a/leads/create", "/api/v1.0/organisation/org-a/leads/create/"),
        ("/api/v1.0/organisation/org-a/leads/lead-1", "/api/v1.0/organisation/org-a/leads/lead-1/"),
        (
            "/api/v1.0/organisation/org-a/leads/lead-1/update?x=1",
            "/api/v1.0/organisation/org-a/leads/lead-1/update/?x=1"
        ),
        (
            "/api/v1.0/organisation/org-z/leads/lead-1/delete",
            "/api/v1.0/organisation/org-z/leads/lead-1/delete/"
        ),
        (
            "/api/v1.0/organisation/org-a/leads/lead%2D001",
            "/api/v1.0/organisation/org-a/leads/lead-001/"
        ),
        (
            "/api/v1.0/organisation/org-a/leads/caf%c3%a9",
            "/api/v1.0/organisation/org-a/leads/caf%C3%A9/"
        ),
        ("/api/v1.0/organisation/org-a/leads/a%7eb", "/api/v1.0/organisation/org-a/leads/a~b/"),
        ("/api/v1.0/organisation/org-a/leads/a%3bb", "/api/v1.0/organisation/org-a/leads/a%3Bb/"),
        ("/api/v1.0/organisation/org-a/leads/a%zz", "/api/v1.0/organisation/org-a/leads/a%25zz/"),
        ("/api/v1.0/organisation/org-a/leads/x%e9y", "/api/v1.0/organisation/org-a/leads/x%25E9y/"),
        (
            "/api/v1.0/organisation/org-a/leads/lead-1%2Fupdate?a=%7e",
            "/api/v1.0/organisation/org-a/leads/lead-1/update/?a=%7e"
        ),
        ("/api/v1.0/organisation/org-a/leads?", "/api/v1.0/organisation/org-a/leads/"),
    ])
    func pathWithoutItsSlashIsRedirectedPermanently(path: String, location: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        for method in ["GET", "POST"] {
            let response = try server.request(method, path)

            #expect(response.status == 301)
            #expect(response.header("Location") == location)
            #expect(response.body.isEmpty)
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
            #expect(response.header("Allow") == nil)
        }
    }

    @Test(arguments: [
        "/api/v1.0/organisation/org-a/nothing/",
        "/api/v1.0/organisation/org-a/leads/lead-1/extra/",
        "/api/v1.0/organisation/org-a/leads/lead-1/extra",
        "/api/v1.0/organisation//leads/",
        "/api/v1.0/organisation/org-a/leads//",
        "/api/v1.0/organisation/org-a/leads/lead%2F1/",
        "/api/v1.0/organisation/org%2Fa/leads/",
        "/api/v1.0/organisation/org-a/leads/a%2Fb",
        "/api/v1.0/organisation/org-a/leads/lead-1%2F",
        "/",
    ])
    func unknownPathIsDjangosHTML404(path: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", path, as: "alice")

        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(
            response.text
                == "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n"
                + "</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found "
                + "on this server.</p>\n</body>\n</html>\n"
        )
        #expect(response.header("Allow") == nil)
    }

    @Test func pathsNoViewTakesClearOnlyASessionKeyDjangoRefusesOutright() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let deletion =
            "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; "
            + "SameSite=Lax"

        let short = try server.request("GET", "/nothing/", headers: [("Cookie", "sessionid=abc")])
        let redirected = try server.request(
            "GET",
            "/api/v1.0/organisation/org-a/leads",
            headers: [("Cookie", "sessionid=abc")]
        )
        let plausible = try server.request(
            "GET",
            "/nothing/",
            headers: [("Cookie", "sessionid=0123456789abcdefghijklmnopqrstuv")]
        )

        #expect(short.status == 404)
        #expect(short.headerValues("Set-Cookie") == [deletion])
        #expect(short.header("Vary")?.contains("Cookie") == true)
        #expect(redirected.status == 301)
        #expect(redirected.headerValues("Set-Cookie") == [deletion])
        #expect(plausible.status == 404)
        #expect(plausible.headerValues("Set-Cookie").isEmpty)
    }

    @Test func errorBodiesAreCompactJSONWithDjangosSecurityHeaders() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath("org-a", "nope/"), as: "alice")

        #expect(response.status == 404)
        #expect(!response.text.contains(": "))
        #expect(response.header("X-Frame-Options") == "DENY")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
    }

    @Test func hostileBodiesNeverCauseAServerError() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let deep = String(repeating: "[", count: 100_000)
        let bodies = [
            deep,
            "{\"title\": " + deep,
            #"{"estimated_value": "1e999999999", "win_probability": "-1e-999999999"}"#,
            #"{"estimated_value": 1e400, "win_probability": -1e400}"#,
            #"{"estimated_value": "9999999999999999.99", "win_probability": "-999.99"}"#,
            "{\"estimated_value\": " + String(repeating: "9", count: 5000) + "}",
            #"{"follow_up_date": "9999-12-31T23:59:59-23:59", "#
                + #""expected_close_date": "0000-01-01"}"#,
            #"{"unique_id": {"a": [1, {"b": null}]}, "title": {"x": 1}, "client": [[]]}"#,
            #"{"sales_stage": "\u0000", "client": "' OR 1=1 --", "title": "\ud800"}"#,
            "\u{FEFF}{}",
            "{\"title\": \"" + String(repeating: "é", count: 100_000) + "\"}",
        ]
        let paths = [createPath, leadsPath("org-a", "lead-1/update/")]

        for body in bodies {
            for (index, path) in paths.enumerated() {
                let response = try server.json(
                    index == 0 ? "POST" : "PATCH",
                    path,
                    as: "alice",
                    body: body
                )

                #expect([200, 201, 400].contains(response.status), "\(body.prefix(60))")
                #expect(response.header("Content-Type") == "application/json")
            }
        }
        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(list.status == 200)
    }
}
