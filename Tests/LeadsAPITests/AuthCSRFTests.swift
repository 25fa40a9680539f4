import TestSupport
import Testing

@Suite("CSRF checks on session-authenticated API requests")
struct AuthCSRFTests {
    /// A secret and the token Django's masking turns it into with this mask, computed
    /// with Django's algorithm outside this code base.
    static let knownSecret = "Zq3xYw8VbN1mKp0LdR7tHs2FgJ5cEa9U"
    static let knownMaskedToken =
        "aZ09bY18cX27dW36eV45fU54gT63hS72ZfTwZkZTdATjNbTHhC1oMcXzms15LS6M"

    /// A minimal valid lead for org-a.
    static let leadBody =
        "{\"title\": \"From a browser\", \"lead_source\": \"website\", "
        + "\"sales_stage\": \"stage-new\"}"

    /// A client logged in as alice.
    static func loggedIn(_ server: APITestServer) throws -> SessionClient {
        let browser = SessionClient(server)
        let response = try browser.logIn("alice")
        #expect(response.status == 302)
        return browser
    }

    /// Posts a JSON lead with extra headers.
    static func create(
        _ browser: SessionClient,
        headers: [(String, String)] = []
    ) throws -> ClientResponse {
        try browser.send(
            "POST",
            leadsPath("org-a", "create/"),
            headers: [("Content-Type", "application/json")] + headers,
            body: leadBody
        )
    }

    /// The 403 body of a CSRF failure.
    static func failure(_ reason: String) -> String {
        "{\"detail\":\"CSRF Failed: \(reason)\"}"
    }

    @Test("an unsafe request without a token is refused; safe ones need none")
    func missingToken() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = try Self.loggedIn(server)

        let response = try Self.create(browser)
        #expect(response.status == 403)
        #expect(response.text == Self.failure("CSRF token missing."))

        for (method, path) in [
            ("PUT", leadsPath("org-a", "lead-1/update/")),
            ("PATCH", leadsPath("org-a", "lead-1/update/")),
            ("DELETE", leadsPath("org-a", "lead-1/delete/")),
        ] {
            let refused = try browser.send(method, path)
            #expect(refused.status == 403, "\(method)")
            #expect(refused.text == Self.failure("CSRF token missing."), "\(method)")
        }

        #expect(try browser.send("GET", leadsPath()).status == 200)
        #expect(try browser.send("OPTIONS", leadsPath()).status == 200)
    }

    @Test("the cookie's secret passes, bare or masked")
    func correctTokens() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = try Self.loggedIn(server)
        let secret = try #require(browser.csrfSecret)

        let bare = try Self.create(browser, headers: [("X-CSRFToken", secret)])
        #expect(bare.status == 201)

        let page = try browser.send("GET", "/api-auth/login/")
        let masked = try #require(hiddenValue("csrfmiddlewaretoken", in: page.text))
        #expect(masked.count == 64)
        let viaMasked = try Self.create(browser, headers: [("X-CSRFToken", masked)])
        #expect(viaMasked.status == 201)

        browser.setCookie("csrftoken", "\"\(secret)\"")
        let quotedCookie = try Self.create(browser, headers: [("X-CSRFToken", secret)])
        #expect(quotedCookie.status == 201)

        browser.setCookie("csrftoken", Self.knownSecret)
        let known = try Self.create(browser, headers: [("X-CSRFToken", Self.knownMaskedToken)])
        #expect(known.status == 201)

        browser.setCookie("csrftoken", Self.knownMaskedToken)
        let maskedCookie = try Self.create(browser, headers: [("X-CSRFToken", Self.knownSecret)])
        #expect(maskedCookie.status == 201)
    }

    @Test("a form body may carry the token in csrfmiddlewaretoken")
    func formFieldToken() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = try Self.loggedIn(server)
        let secret = try #require(browser.csrfSecret)
        let formType = [("Content-Type", "application/x-www-form-urlencoded")]

        let accepted = try browser.send(
            "POST",
            leadsPath("org-a", "create/"),
            headers: formType,
            body: formBody([("csrfmiddlewaretoken", secret), ("title", "")])
        )
        #expect(accepted.status == 400)
        #expect(!accepted.text.contains("CSRF"))

        let wrong = try browser.send(
            "POST",
            leadsPath("org-a", "create/"),
            headers: formType,
            body: formBody([("csrfmiddlewaretoken", String(repeating: "a", count: 32))])
        )
        #expect(wrong.status == 403)
        #expect(wrong.text == Self.failure("CSRF token from POST incorrect."))

        let short = try browser.send(
            "POST",
            leadsPath("org-a", "create/"),
            headers: formType,
            body: formBody([("csrfmiddlewaretoken", "abc")])
        )
        #expect(short.text == Self.failure("CSRF token from POST has incorrect length."))
    }

    @Test("wrong, short and malformed header tokens get Django's reasons")
    func badHeaderTokens() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = try Self.loggedIn(server)
        let header = "CSRF token from the 'X-Csrftoken' HTTP header"

        let cases: [(String, String)] = [
            (String(repeating: "a", count: 32), "\(header) incorrect."),
            (String(repeating: "a", count: 64), "\(header) incorrect."),
            ("abc", "\(header) has incorrect length."),
            ("", "\(header) has incorrect length."),
            (String(repeating: "-", count: 32), "\(header) has invalid characters."),
        ]
        for (token, reason) in cases {
            let response = try Self.create(browser, headers: [("X-CSRFToken", token)])
            #expect(response.status == 403, "\(token)")
            #expect(response.text == Self.failure(reason), "\(token)")
        }
    }

    @Test("the cookie must be present and well formed")
    func badCookies() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = try Self.loggedIn(server)
        let secret = try #require(browser.csrfSecret)

        browser.removeCookie("csrftoken")
        let missing = try Self.create(browser, headers: [("X-CSRFToken", secret)])
        #expect(missing.text == Self.failure("CSRF cookie not set."))

        browser.setCookie("csrftoken", "short")
        let short = try Self.create(browser, headers: [("X-CSRFToken", secret)])
        #expect(short.text == Self.failure("CSRF cookie has incorrect length."))

        browser.setCookie("csrftoken", String(repeating: "!", count: 32))
        let invalid = try Self.create(browser, headers: [("X-CSRFToken", secret)])
        #expect(invalid.text == Self.failure("CSRF cookie has invalid characters."))
    }

    @Test("an Origin must be the server's own or trusted")
    func origins() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = try Self.loggedIn(server)
        let secret = try #require(browser.csrfSecret)

        let evil = try Self.create(
            browser,
            headers: [("X-CSRFToken", secret), ("Origin", "http://evil.example")]
        )
        #expect(evil.status == 403)
        #expect(
            evil.text
                == Self.failure(
                    "Origin checking failed - http://evil.example does not match any trusted "
                        + "origins."
                )
        )

        let own = try Self.create(
            browser,
            headers: [("X-CSRFToken", secret), ("Origin", "http://localhost")]
        )
        #expect(own.status == 201)
    }

    @Test("Basic-authenticated requests need no CSRF token")
    func basicNeedsNoToken() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: Self.leadBody
        )
        #expect(response.status == 201)
    }
}
