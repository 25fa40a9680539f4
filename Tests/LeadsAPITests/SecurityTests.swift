import Foundation
import TestSupport
import Testing

/// Hostile input aimed at the storage and the tenant boundary: SQL metacharacters in every
/// filter and field, traversal in path parameters, sessions used across organisations and
/// oversized credentials. Nothing may leak, change or fail with a 5xx.
@Suite struct SecurityTests {
    /// Text that would change a statement built by pasting values into SQL.
    static let sqlMetacharacters = [
        "' OR '1'='1", "'; DROP TABLE leads; --", "\" OR \"\"=\"", "%", "_", "\\",
        "lead-1' --", "1; SELECT * FROM people", "*/ OR 1=1 /*",
    ]

    @Test(arguments: sqlMetacharacters)
    func metacharactersInFiltersMatchOnlyLiterally(payload: String) throws {
        let server = try APITestServer()
        defer { server.stop() }
        let encoded = try #require(
            payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
        )

        for parameter in ["name", "source", "status"] {
            let response = try server.request(
                "GET",
                leadsPath("org-a", "?\(parameter)=\(encoded)"),
                as: "alice"
            )

            #expect(response.status == 200, "\(parameter)=\(payload)")
            let listed = try listedUniqueIDs(response)
            if parameter == "status" {
                // An unknown status is ignored, as the backend does.
                #expect(listed == ["lead-3", "lead-2", "lead-1"])
            } else {
                #expect(listed.isEmpty, "\(parameter)=\(payload) matched \(listed)")
            }
        }
        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["lead-3", "lead-2", "lead-1"])
        let other = try server.request("GET", leadsPath("org-b"), as: "bob")
        #expect(try listedUniqueIDs(other) == ["lead-b1"])
    }

    @Test func metacharactersInEveryTextFieldAreStoredVerbatim() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for (index, payload) in Self.sqlMetacharacters.enumerated() {
            let uniqueID = "evil-\(index)-" + payload
            let body = try jsonText([
                "unique_id": uniqueID, "title": payload, "description": payload,
                "qualification_notes": payload, "lead_source": "website",
                "sales_stage": NSNull(),
            ])

            let created = try server.json(
                "POST",
                leadsPath("org-a", "create/"),
                as: "alice",
                body: body
            )

            #expect(created.status == 201, "\(payload)")
            #expect(try stringField("unique_id", of: created) == uniqueID)
            #expect(try stringField("title", of: created) == payload)
            #expect(try stringField("description", of: created) == payload)
            #expect(try stringField("qualification_notes", of: created) == payload)
        }

        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list).count == 3 + Self.sqlMetacharacters.count)
        let other = try server.request("GET", leadsPath("org-b"), as: "bob")
        #expect(try listedUniqueIDs(other) == ["lead-b1"])
    }

    @Test func metacharactersInReferencesAreUnknownObjects() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let payload = "stage-b' OR '1'='1"

        let body = try jsonText([
            "title": "x", "lead_source": "website", "sales_stage": payload, "client": payload,
        ])
        let response = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: body
        )

        let message = "Object with unique_id=\(payload) does not exist."
        expectJSON(
            response,
            400,
            #"{"sales_stage":[""# + message + #""],"client":[""# + message + #""]}"#
        )
    }

    @Test(arguments: [
        "/api/v1.0/organisation/org-a/leads/..%2F..%2Forg-b%2Fleads%2Flead-b1/",
        "/api/v1.0/organisation/org-a/leads/%2E%2E/",
        "/api/v1.0/organisation/org-a/leads/../../org-b/leads/lead-b1/",
        "/api/v1.0/organisation/org-a/../org-b/leads/",
        "/api/v1.0/organisation/..%2Forg-b/leads/",
        "/api/v1.0/organisation/org-a%00/leads/",
        "/api/v1.0/organisation/org-a/leads/lead-b1%00/",
        "/api/v1.0/organisation/%6Frg-b/leads/",
    ])
    func traversalInPathParametersNeverReachesAnotherOrganisation(path: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        for method in ["GET", "DELETE"] {
            let response = try server.request(method, path, as: "alice")

            #expect([301, 400, 403, 404, 405].contains(response.status), "\(method) \(path)")
            #expect(!response.text.contains("lead-b1\""), "\(method) \(path) leaked")
        }
        let other = try server.request("GET", leadsPath("org-b", "lead-b1/"), as: "bob")
        #expect(other.status == 200)
    }

    @Test func aSessionOfOnePersonCannotUseAnotherOrganisationsPath() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let browser = SessionClient(server)
        try browser.logIn("alice")
        let token = try #require(browser.csrfSecret)
        let headers = [("X-CSRFToken", token), ("Content-Type", "application/json")]
        let forbidden = #"{"detail":"You do not have permission to perform this action."}"#

        let requests: [(String, String)] = [
            ("GET", leadsPath("org-b")),
            ("GET", leadsPath("org-b", "lead-b1/")),
            ("POST", leadsPath("org-b", "create/")),
            ("PATCH", leadsPath("org-b", "lead-b1/update/")),
            ("PUT", leadsPath("org-b", "lead-b1/update/")),
            ("DELETE", leadsPath("org-b", "lead-b1/delete/")),
        ]
        for (method, path) in requests {
            let body = method == "GET" || method == "DELETE" ? "" : #"{"title": "Hijack"}"#
            let response = try browser.send(method, path, headers: headers, body: body)

            expectJSON(response, 403, forbidden)
        }
        let own = try browser.send("GET", leadsPath())
        #expect(try listedUniqueIDs(own) == ["lead-3", "lead-2", "lead-1"])
        let other = try server.request("GET", leadsPath("org-b", "lead-b1/"), as: "bob")
        expectJSON(other, 200, ExpectedLead.leadB1.text)
    }

    @Test func oversizedBasicCredentialsAreRefusedWithoutAServerError() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let invalid = #"{"detail":"Invalid username/password."}"#

        let longPassword = String(repeating: "p", count: 4_000)
        let response = try server.request("GET", leadsPath(), as: "alice", password: longPassword)
        expectJSON(response, 401, invalid)

        let longName = String(repeating: "a", count: 4_000)
        let byName = try server.request("GET", leadsPath(), as: longName)
        expectJSON(byName, 401, invalid)

        let huge = "Basic " + String(repeating: "QUFB", count: 5_000)
        let tooLarge = try server.request("GET", leadsPath(), headers: [("Authorization", huge)])
        #expect(tooLarge.status == 431)

        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(list.status == 200)
    }

    /// Compact JSON for a test body, so payloads need no hand escaping.
    private func jsonText(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
