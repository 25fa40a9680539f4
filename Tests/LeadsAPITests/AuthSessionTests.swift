import Foundation
import Storage
import TestSupport
import Testing

@Suite("Session login, use and logout")
struct AuthSessionTests {
    /// Django's message for wrong credentials on the login form.
    static let invalidLogin =
        "Please enter a correct username and password. Note that both fields may be "
        + "case-sensitive."

    /// DRF's body for a request without credentials.
    static let notProvided = "{\"detail\":\"Authentication credentials were not provided.\"}"

    /// Whether `value` matches a regular expression as a whole.
    static func matches(_ value: String?, _ pattern: String) -> Bool {
        guard let value else { return false }
        return value.range(of: "^" + pattern + "$", options: .regularExpression) != nil
    }

    /// The IMF-fixdate pattern of cookie expiry dates.
    static let sessionDeletion =
        "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"
    static let datePattern = "[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT"

    @Test("the login page is a small escaped form that sets the CSRF cookie")
    func loginPage() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", "/api-auth/login/?next=/api/v1.0/x/")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(
            response.header("Cache-Control")
                == "max-age=0, no-cache, no-store, must-revalidate, private"
        )
        let cookies = response.headerValues("Set-Cookie")
        #expect(cookies.count == 1)
        #expect(
            Self.matches(
                cookies.first,
                "csrftoken=[a-zA-Z0-9]{32}; expires=\(Self.datePattern); "
                    + "Max-Age=31449600; Path=/; SameSite=Lax"
            )
        )

        let page = response.text
        #expect(page.contains("<title>"))
        #expect(page.contains("name=\"username\""))
        #expect(page.contains("name=\"password\""))
        #expect(Self.matches(hiddenValue("csrfmiddlewaretoken", in: page), "[a-zA-Z0-9]{64}"))
        #expect(hiddenValue("next", in: page) == "/api/v1.0/x/")
    }

    @Test("a hostile next is escaped or dropped, never echoed as markup")
    func loginPageEscapesNext() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let script = "/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
        let escaped = try server.request("GET", "/api-auth/login/?next=" + script)
        #expect(escaped.status == 200)
        #expect(!escaped.text.contains("<script>"))
        #expect(escaped.text.contains("value=\"/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))

        for hostile in ["https://evil.example/", "//evil.example/", "/%5Cevil.example", "/%09/x"] {
            let response = try server.request("GET", "/api-auth/login/?next=" + hostile)
            #expect(hiddenValue("next", in: response.text) == "", "\(hostile)")
        }
    }

    @Test("a form login starts a session that authenticates API requests")
    func formLogin() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let browser = SessionClient(server)
        try browser.send("GET", "/api-auth/login/")
        let secretBefore = try #require(browser.csrfSecret)

        let response = try browser.logIn("alice", next: leadsPath())
        #expect(response.status == 302)
        #expect(response.header("Location") == leadsPath())
        let cookies = response.headerValues("Set-Cookie")
        #expect(cookies.count == 2)
        #expect(
            Self.matches(
                cookies.last,
                "sessionid=[a-z0-9]{32}; expires=\(Self.datePattern); HttpOnly; "
                    + "Max-Age=1209600; Path=/; SameSite=Lax"
            )
        )
        #expect(browser.csrfSecret != secretBefore)
        #expect(server.logCount("Login succeeded", "auth.username", "alice") == 1)

        let leads = try browser.send("GET", leadsPath())
        #expect(leads.status == 200)
        #expect(leads.header("Vary")?.contains("Cookie") == true)
        #expect(try browser.send("GET", leadsPath("org-b")).status == 403)
    }

    @Test("without a safe next the login redirects to Django's default page")
    func defaultRedirect() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for next in [nil, "https://evil.example/", "//evil.example/"] {
            let response = try SessionClient(server).logIn("dave", next: next)
            #expect(response.status == 302)
            #expect(response.header("Location") == "/accounts/profile/", "\(next ?? "none")")
        }
    }

    @Test("wrong credentials re-render the form with Django's message and no session")
    func failedFormLogin() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let browser = SessionClient(server)
        let response = try browser.logIn("alice", password: "nope")
        #expect(response.status == 200)
        #expect(response.text.contains(Self.invalidLogin))
        #expect(response.text.contains("value=\"alice\""))
        #expect(browser.sessionKey == nil)
        #expect(server.logCount("Login failed", "auth.username", "alice") == 1)

        let empty = try browser.logIn("", password: "")
        #expect(empty.status == 200)
        #expect(empty.text.contains("This field is required."))
    }

    @Test("a JSON login answers in JSON and sets the same cookies")
    func jsonLogin() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let browser = SessionClient(server)
        try browser.send("GET", "/api-auth/login/")
        let secret = try #require(browser.csrfSecret)
        let headers = [("Content-Type", "application/json"), ("X-CSRFToken", secret)]

        let refused = try browser.send(
            "POST",
            "/api-auth/login/",
            headers: headers,
            body: "{\"username\": \"alice\", \"password\": \"nope\"}"
        )
        #expect(refused.status == 400)
        #expect(refused.text == "{\"non_field_errors\":[\"\(Self.invalidLogin)\"]}")

        let missing = try browser.send("POST", "/api-auth/login/", headers: headers, body: "{}")
        #expect(missing.status == 400)
        #expect(
            missing.text
                == "{\"username\":[\"This field is required.\"],"
                + "\"password\":[\"This field is required.\"]}"
        )

        let accepted = try browser.send(
            "POST",
            "/api-auth/login/",
            headers: headers,
            body: "{\"username\": \"alice\", \"password\": \"alice-pass\"}"
        )
        #expect(accepted.status == 200)
        #expect(accepted.text == "{\"detail\":\"Logged in.\"}")
        #expect(browser.sessionKey != nil)
        #expect(browser.csrfSecret != secret)
        #expect(try browser.send("GET", leadsPath()).status == 200)
    }

    @Test("a login without the CSRF token fails before the credentials are looked at")
    func loginNeedsCSRF() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let form = formBody([("username", "alice"), ("password", "alice-pass")])
        let noCookie = try server.request(
            "POST",
            "/api-auth/login/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: form
        )
        #expect(noCookie.status == 403)
        #expect(noCookie.header("Content-Type") == "text/html; charset=utf-8")
        #expect(noCookie.text.contains("CSRF verification failed. Request aborted."))
        #expect(noCookie.text.contains("CSRF cookie not set."))
        #expect(noCookie.headerValues("Set-Cookie").isEmpty)

        let browser = SessionClient(server)
        try browser.send("GET", "/api-auth/login/")
        let missingToken = try browser.send(
            "POST",
            "/api-auth/login/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: form
        )
        #expect(missingToken.status == 403)
        #expect(missingToken.text.contains("CSRF token missing."))

        let json = try browser.send(
            "POST",
            "/api-auth/login/",
            headers: [("Content-Type", "application/json")],
            body: "{\"username\": \"alice\", \"password\": \"alice-pass\"}"
        )
        #expect(json.status == 403)
        #expect(json.text == "{\"detail\":\"CSRF Failed: CSRF token missing.\"}")
        #expect(browser.sessionKey == nil)
    }

    @Test("logging in with a planted session cookie issues a new key and kills the old one")
    func sessionFixation() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let victim = SessionClient(server)
        try victim.logIn("alice")
        let firstKey = try #require(victim.sessionKey)

        try victim.logIn("alice")
        let secondKey = try #require(victim.sessionKey)
        #expect(secondKey != firstKey)

        let planted = "abcdefghijklmnopqrstuvwxyz012345"
        let attacked = SessionClient(server)
        attacked.setCookie("sessionid", planted)
        try attacked.logIn("alice")
        #expect(attacked.sessionKey != planted)

        let stale = SessionClient(server)
        stale.setCookie("sessionid", firstKey)
        let response = try stale.send("GET", leadsPath())
        #expect(response.status == 401)
        #expect(response.text == Self.notProvided)
    }

    @Test("expired, forged and inactive sessions count as no credentials")
    func deadSessions() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let browser = SessionClient(server)
        try browser.logIn("alice")
        let key = try #require(browser.sessionKey)
        #expect(try browser.send("GET", leadsPath()).status == 200)

        try server.withDatabase { database in
            try database.write { connection in
                try connection.execute(
                    "UPDATE sessions SET expires_at = unixepoch() - 1 WHERE session_key = ?",
                    [.text(key)]
                )
            }
        }
        let expired = try browser.send("GET", leadsPath())
        #expect(expired.status == 401)
        #expect(expired.headerValues("Set-Cookie") == [Self.sessionDeletion])
        #expect(expired.header("Vary")?.hasPrefix("Accept, Cookie") == true)
        #expect(expired.text == Self.notProvided)
        #expect(expired.header("WWW-Authenticate") == "Basic realm=\"api\"")
        let remaining = try server.withDatabase { database in
            try database.read { connection in
                try connection.queryOne(
                    "SELECT count(*) AS total FROM sessions WHERE session_key = ?",
                    [.text(key)]
                )?.value("total", as: Int.self)
            }
        }
        #expect(remaining == 0)

        for forged in [key.uppercased(), "0123456789abcdefghijklmnopqrstuv", "x", "' OR 1=1 --"] {
            browser.setCookie("sessionid", forged)
            let response = try browser.send("GET", leadsPath())
            #expect(response.status == 401, "\(forged)")
            #expect(response.headerValues("Set-Cookie") == [Self.sessionDeletion], "\(forged)")
        }

        let dave = SessionClient(server)
        try dave.logIn("dave")
        #expect(try dave.send("GET", leadsPath()).status == 200)
        try server.withDatabase { database in
            try database.write { connection in
                try connection.execute("UPDATE people SET is_active = 0 WHERE username = 'dave'")
            }
        }
        let inactive = try dave.send("GET", leadsPath())
        #expect(inactive.status == 401)
        #expect(inactive.headerValues("Set-Cookie").isEmpty)
    }

    @Test("a live session keeps its cookie; Basic requests clear only keys Django refuses")
    func sessionCookieClearing() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = SessionClient(server)
        try browser.logIn("alice")

        let live = try browser.send("GET", leadsPath())
        #expect(live.status == 200)
        #expect(live.headerValues("Set-Cookie").isEmpty)

        // With Basic credentials the session is never read, so only a key too short for
        // Django's session store is cleared.
        let cases = [("short", true), ("", true), ("0123456789abcdefghijklmnopqrstuv", false)]
        for (key, isCleared) in cases {
            let response = try server.request(
                "GET",
                leadsPath(),
                headers: [basicAuthorization("alice"), ("Cookie", "sessionid=\(key)")]
            )
            #expect(response.status == 200)
            let expected = isCleared ? [Self.sessionDeletion] : []
            #expect(response.headerValues("Set-Cookie") == expected, "\(key)")
            let vary = response.header("Vary") ?? ""
            #expect(vary.contains("Cookie") == isCleared, "\(vary)")
        }
    }

    @Test("logout is POST only, CSRF-checked, and ends the session")
    func logout() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let browser = SessionClient(server)
        try browser.logIn("alice")
        let key = try #require(browser.sessionKey)

        let viaGet = try browser.send("GET", "/api-auth/logout/")
        #expect(viaGet.status == 405)
        #expect(viaGet.header("Allow") == "POST, OPTIONS")

        let withoutToken = try browser.send("POST", "/api-auth/logout/")
        #expect(withoutToken.status == 403)
        #expect(try browser.send("GET", leadsPath()).status == 200)

        let secret = try #require(browser.csrfSecret)
        let response = try browser.send(
            "POST",
            "/api-auth/logout/",
            headers: [("X-CSRFToken", secret)]
        )
        #expect(response.status == 200)
        #expect(response.text.contains("logged out"))
        #expect(
            response.headerValues("Set-Cookie") == [
                "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; "
                    + "SameSite=Lax"
            ]
        )
        #expect(browser.sessionKey == nil)

        let replayed = SessionClient(server)
        replayed.setCookie("sessionid", key)
        #expect(try replayed.send("GET", leadsPath()).status == 401)

        let again = SessionClient(server)
        try again.logIn("alice")
        let redirected = try again.send(
            "POST",
            "/api-auth/logout/?next=/api-auth/login/",
            headers: [("X-CSRFToken", try #require(again.csrfSecret))]
        )
        #expect(redirected.status == 302)
        #expect(redirected.header("Location") == "/api-auth/login/")
    }

    @Test("methods the login view lacks get Django's 405, after the CSRF check")
    func loginMethods() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let options = try server.request("OPTIONS", "/api-auth/login/")
        #expect(options.status == 200)
        #expect(options.header("Allow") == "GET, POST, PUT, HEAD, OPTIONS")

        let browser = SessionClient(server)
        try browser.send("GET", "/api-auth/login/")
        let unchecked = try browser.send("DELETE", "/api-auth/login/")
        #expect(unchecked.status == 403)

        let checked = try browser.send(
            "DELETE",
            "/api-auth/login/",
            headers: [("X-CSRFToken", browser.csrfSecret ?? "")]
        )
        #expect(checked.status == 405)
        #expect(checked.header("Allow") == "GET, POST, PUT, HEAD, OPTIONS")
    }
}
