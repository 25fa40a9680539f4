import Credentials
import Foundation
import LeadsAPI
import Locking
import Log
import Storage
import TestSupport
import Testing

@Suite("HTTP Basic authentication")
struct AuthBasicTests {
    /// The challenge DRF sends with every 401.
    static let challenge = "Basic realm=\"api\""

    /// Fixtures with an inactive person and a password outside ASCII.
    static let extraPeople = """
        {
          "organisations": [{"unique_id": "org-a", "name": "Alpha Ltd"}],
          "people": [
            {"unique_id": "person-carol", "username": "carol", "password": "carol-pass",
             "full_name": "Carol Gone", "organisations": ["org-a"], "is_active": false},
            {"unique_id": "person-noel", "username": "noel", "password": "café-crème",
             "full_name": "Noël Accent", "organisations": ["org-a"]}
          ]
        }
        """

    /// `Authorization: Basic` with the given bytes encoded.
    static func basic(_ bytes: [UInt8]) -> (String, String) {
        ("Authorization", "Basic " + Base64.encode(bytes))
    }

    /// Sends a GET of org-a's leads with one `Authorization` header.
    static func get(_ server: APITestServer, authorization: String) throws -> ClientResponse {
        try server.request("GET", leadsPath(), headers: [("Authorization", authorization)])
    }

    @Test("a malformed Basic header gets DRF's message, a 401 and the Basic challenge")
    func malformedHeaders() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let encoded = Base64.encode(Array("alice".utf8))
        let cases: [(String, String)] = [
            ("Basic", "Invalid basic header. No credentials provided."),
            ("basic   ", "Invalid basic header. No credentials provided."),
            (
                "Basic YWxpY2U6 YWxpY2UtcGFzcw==",
                "Invalid basic header. Credentials string should not contain spaces."
            ),
            (
                "Basic " + encoded,
                "Invalid basic header. Credentials not correctly base64 encoded."
            ),
            ("Basic YQ", "Invalid basic header. Credentials not correctly base64 encoded."),
            ("Basic YWxpY2", "Invalid basic header. Credentials not correctly base64 encoded."),
        ]
        for (header, detail) in cases {
            let response = try Self.get(server, authorization: header)
            #expect(response.status == 401, "\(header)")
            #expect(response.text == "{\"detail\":\"\(detail)\"}", "\(header)")
            #expect(response.header("WWW-Authenticate") == Self.challenge, "\(header)")
        }
    }

    @Test("wrong passwords, unknown and inactive people get the same refusal")
    func refusedCredentials() throws {
        let server = try APITestServer(fixtures: Self.extraPeople)
        defer { server.stop() }

        let attempts = ["carol:carol-pass", "carol:wrong", "nobody:secret", "noel:cafe-creme", ":"]
        for attempt in attempts {
            let response = try server.request(
                "GET",
                leadsPath(),
                headers: [Self.basic(Array(attempt.utf8))]
            )
            #expect(response.status == 401, "\(attempt)")
            #expect(response.text == "{\"detail\":\"Invalid username/password.\"}", "\(attempt)")
            #expect(response.header("WWW-Authenticate") == Self.challenge, "\(attempt)")
        }
        #expect(server.logCount("Basic authentication refused", "auth.username", "carol") == 2)
    }

    @Test("correct credentials pass, whatever the case of the scheme")
    func acceptedCredentials() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let credentials = Base64.encode(Array("alice:alice-pass".utf8))
        for scheme in ["Basic", "basic", "BASIC", "bAsIc"] {
            let response = try Self.get(server, authorization: "\(scheme) \(credentials)")
            #expect(response.status == 200, "\(scheme)")
        }
        #expect(try server.request("GET", leadsPath("org-b"), as: "bob").status == 200)
    }

    @Test("Base64 is decoded as leniently as Python: stray characters and trailing data")
    func lenientBase64() throws {
        let server = try APITestServer()
        defer { server.stop() }

        // "alice:alice-pass" is YWxpY2U6YWxpY2UtcGFzcw== in standard Base64.
        let lenient = ["YWxp*Y2U6YWxp.Y2UtcGFzcw==", "YWxpY2U6YWxpY2UtcGFzcw==trailing"]
        for credentials in lenient {
            let response = try Self.get(server, authorization: "Basic " + credentials)
            #expect(response.status == 200, "\(credentials)")
        }
    }

    @Test("credentials are read as UTF-8, and as Latin-1 when they are not UTF-8")
    func credentialEncodings() throws {
        let server = try APITestServer(fixtures: Self.extraPeople)
        defer { server.stop() }

        let utf8 = Array("noel:café-crème".utf8)
        let latin1 = Array("noel:caf".utf8) + [0xE9] + Array("-cr".utf8) + [0xE8] + Array("me".utf8)
        for bytes in [utf8, latin1] {
            let response = try server.request("GET", leadsPath(), headers: [Self.basic(bytes)])
            #expect(response.status == 200)
        }
    }

    @Test("another scheme is no attempt at all: DRF's not-provided 401")
    func otherSchemes() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for header in ["Bearer abc", "Token abc", "Basicabc", ""] {
            let response = try Self.get(server, authorization: header)
            #expect(response.status == 401, "\(header)")
            #expect(
                response.text == "{\"detail\":\"Authentication credentials were not provided.\"}",
                "\(header)"
            )
            #expect(response.header("WWW-Authenticate") == Self.challenge, "\(header)")
        }
    }

    @Test("hostile headers are answered, never crash the server")
    func hostileHeaders() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let hostile = [
            "Basic ====", "Basic =", "Basic " + String(repeating: "A", count: 6000),
            "Basic " + String(repeating: "=", count: 500), "Basic \u{00e9}\u{00e9}",
            "Basic " + Base64.encode([0x00, 0x3A, 0x00]), "Basic " + Base64.encode([0xFF, 0xFE]),
            "Basic " + Base64.encode(Array(repeating: 0x3A, count: 3000)),
        ]
        for header in hostile {
            let response = try Self.get(server, authorization: header)
            #expect(response.status == 401, "\(header.prefix(40))")
        }
        #expect(try server.request("GET", leadsPath(), as: "alice").status == 200)
    }

    @Test("a verified password is remembered until the stored hash changes")
    func credentialCache() throws {
        let server = try APITestServer()
        defer { server.stop() }

        #expect(try server.request("GET", leadsPath(), as: "alice").status == 200)
        #expect(try server.request("GET", leadsPath(), as: "alice").status == 200)
        #expect(server.logCount("Credentials verified", "auth.credential_cache", "miss") == 1)
        #expect(server.logCount("Credentials verified", "auth.credential_cache", "hit") == 1)

        let newHash = PasswordHasher(iterations: 1_000).hash("new-pass")
        try server.withDatabase { database in
            try database.write { connection in
                try connection.execute(
                    "UPDATE people SET password_hash = ? WHERE username = 'alice'",
                    [.text(newHash)]
                )
            }
        }

        let oldPassword = try server.request("GET", leadsPath(), as: "alice")
        #expect(oldPassword.status == 401)
        #expect(oldPassword.text == "{\"detail\":\"Invalid username/password.\"}")

        let newPassword = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            password: "new-pass"
        )
        #expect(newPassword.status == 200)
        #expect(server.logCount("Credentials verified", "auth.credential_cache", "miss") == 2)
    }

    @Test("Basic wins over a session cookie, as DRF tries it first")
    func basicBeforeSession() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let browser = SessionClient(server)
        #expect(try browser.logIn("alice").status == 302)
        let sessionOnly = try browser.send("GET", leadsPath())
        #expect(sessionOnly.status == 200)

        let credentials = Base64.encode(Array("bob:bob-pass".utf8))
        let both = try browser.send(
            "GET",
            leadsPath(),
            headers: [("Authorization", "Basic " + credentials)]
        )
        #expect(both.status == 403)

        let badBasic = try browser.send("GET", leadsPath(), headers: [("Authorization", "Basic")])
        #expect(badBasic.status == 401)
    }

    @Test("the log never holds the password or the Authorization header")
    func noSecretsLogged() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let credentials = Base64.encode(Array("alice:wrong-secret".utf8))
        _ = try Self.get(server, authorization: "Basic " + credentials)
        _ = try server.request("GET", leadsPath(), as: "alice")

        for record in server.logs.records {
            let line = record.message + " " + record.metadata.values.joined(separator: " ")
            #expect(!line.contains("wrong-secret"))
            #expect(!line.contains("alice-pass"))
            #expect(!line.contains(credentials))
        }
    }
}

@Suite struct CredentialSharingTests {
    @Test("requests arriving together with unverified credentials share one PBKDF2 run")
    func simultaneousFirstRequestsHashOnce() throws {
        // Costly enough that the requests overlap while the first one hashes.
        let server = try APITestServer { $0.passwordIterations = 200_000 }
        defer { server.stop() }

        let port = server.port
        let statuses = Locked<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<8 {
            DispatchQueue(label: "client").async(group: group) {
                let response = try? RawHTTPClient(port: port).request(
                    path: leadsPath(),
                    headers: [
                        ("Authorization", "Basic " + Base64.encode(Array("alice:alice-pass".utf8)))
                    ]
                )
                statuses.withLock { $0.append(response?.status ?? 0) }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)

        #expect(statuses.withLock { $0 } == [Int](repeating: 200, count: 8))
        #expect(server.logCount("Credentials verified", "auth.credential_cache", "miss") == 1)
        #expect(server.logCount("Credentials verified", "auth.credential_cache", "hit") == 7)
    }
}
