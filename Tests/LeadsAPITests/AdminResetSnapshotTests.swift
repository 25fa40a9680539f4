import BodyParsing
import LeadsAPI
import Log
import TestSupport
import Testing

@Suite("Admin API: token, reset and snapshots")
struct AdminResetSnapshotTests {
    /// A minimal valid lead for org-a.
    static let leadBody =
        "{\"title\": \"Made by a test\", \"lead_source\": \"website\", "
        + "\"sales_stage\": \"stage-new\"}"

    /// Creates, changes and deletes leads in both organisations.
    static func makeChanges(_ server: APITestServer) throws {
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: leadBody
        )
        #expect(created.status == 201)
        let updated = try server.json(
            "PATCH",
            leadsPath("org-a", "lead-1/update/"),
            as: "alice",
            body: "{\"title\": \"Renamed\"}"
        )
        #expect(updated.status == 200)
        let deleted = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-2/delete/"),
            as: "alice"
        )
        #expect(deleted.status == 204)
        let deletedB = try server.request(
            "DELETE",
            leadsPath("org-b", "lead-b1/delete/"),
            as: "bob"
        )
        #expect(deletedB.status == 204)
    }

    @Test("a missing or wrong token is a 401 JSON answer on every admin endpoint")
    func tokenIsRequired() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let endpoints = [
            ("POST", "/__admin/reset"), ("GET", "/__admin/snapshots"),
            ("POST", "/__admin/snapshots"), ("POST", "/__admin/snapshots/one/restore"),
            ("DELETE", "/__admin/snapshots/one"), ("POST", "/__admin/fixtures"),
            ("GET", "/__admin/requests"), ("DELETE", "/__admin/requests"),
            ("GET", "/__admin/behaviour"), ("PUT", "/__admin/behaviour"),
        ]
        for (method, path) in endpoints {
            for token in [nil, "wrong-token", "test-token-longer", ""] {
                let response = try server.admin(method, path, body: "{}", token: token)
                expectJSON(response, 401, #"{"detail":"Invalid or missing admin token."}"#)
                #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            }
            let basic = try server.request(method, path, as: "alice", body: "{}")
            #expect(basic.status == 401, "\(method) \(path) with Basic")
        }

        let accepted = try server.admin("GET", "/__admin/behaviour")
        #expect(accepted.status == 200)
        let lowerCaseScheme = try server.request(
            "GET",
            "/__admin/behaviour",
            headers: [("Authorization", "bearer test-token")]
        )
        #expect(lowerCaseScheme.status == 200)
    }

    @Test("with the admin API switched off its paths are 404")
    func switchedOff() throws {
        let server = try APITestServer.withAdmin { $0.adminAPIEnabled = false }
        defer { server.stop() }

        #expect(server.application.adminToken == nil)
        for (method, path) in [
            ("POST", "/__admin/reset"), ("GET", "/__admin/snapshots"),
            ("GET", "/__admin/requests"), ("PUT", "/__admin/behaviour"),
            ("POST", "/__admin/fixtures"),
        ] {
            let response = try server.admin(method, path, body: "{}")
            #expect(response.status == 404, "\(method) \(path)")
        }
        #expect(try server.leadListText().contains("lead-1"))
    }

    @Test("without a configured token a random one is generated and logged")
    func generatedToken() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let other = try APITestServer()
        defer { other.stop() }

        let token = try #require(server.application.adminToken)
        #expect(token.count == 32)
        #expect(token.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(token != other.application.adminToken)
        let logged = server.logs.records.filter { $0.metadata["admin.token"] == token }
        #expect(logged.count == 1)

        #expect(try server.admin("GET", "/__admin/behaviour", token: token).status == 200)
        #expect(try server.admin("GET", "/__admin/behaviour").status == 401)
    }

    @Test("the generated token is logged even when only warnings are")
    func generatedTokenAtWarning() throws {
        let server = try APITestServer(logLevel: .warning)
        defer { server.stop() }

        let token = try #require(server.application.adminToken)
        let logged = try #require(server.logs.records.first { $0.metadata["admin.token"] == token })
        #expect(logged.level >= .warning)
        #expect(try server.admin("GET", "/__admin/behaviour", token: token).status == 200)
    }

    @Test("reset puts back exactly the state right after start-up")
    func resetRestoresStartUpState() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let originalA = try server.leadListText()
        let originalB = try server.leadListText("org-b", as: "bob")
        let originalLead = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")

        try Self.makeChanges(server)
        #expect(try server.leadListText() != originalA)

        let reset = try server.admin("POST", "/__admin/reset")
        #expect(reset.status == 200)
        #expect(try parsedBody(reset).member("status")?.stringValue == "reset")
        #expect(try server.leadListText() == originalA)
        #expect(try server.leadListText("org-b", as: "bob") == originalB)
        let lead = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        #expect(lead.text == originalLead.text)

        try Self.makeChanges(server)
        #expect(try server.admin("POST", "/__admin/reset").status == 200)
        #expect(try server.leadListText() == originalA)
    }

    @Test("reset works with thousands of leads")
    func resetWithThousandsOfLeads() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let original = try server.leadListText()

        let loaded = try server.admin(
            "POST",
            "/__admin/fixtures",
            body: bulkLeadsDocument(count: 2_000)
        )
        #expect(loaded.status == 200)
        #expect(try parsedBody(loaded).member("leads")?.intValue == 2_000)
        let page = try server.request("GET", leadsPath("org-a", "bulk-1999/"), as: "alice")
        #expect(page.status == 200)

        #expect(try server.admin("POST", "/__admin/reset").status == 200)
        #expect(try server.leadListText() == original)
        let gone = try server.request("GET", leadsPath("org-a", "bulk-1999/"), as: "alice")
        #expect(gone.status == 404)
    }

    @Test("a snapshot saves, lists, restores exactly and deletes")
    func snapshotLifecycle() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        #expect(try server.admin("GET", "/__admin/snapshots").text == #"{"snapshots":[]}"#)

        try Self.makeChanges(server)
        let savedA = try server.leadListText()
        let savedB = try server.leadListText("org-b", as: "bob")
        let saved = try server.admin("POST", "/__admin/snapshots", body: #"{"name": "after-1"}"#)
        #expect(saved.status == 201)
        let info = try parsedBody(saved)
        #expect(info.keys == ["name", "created_at", "size_bytes"])
        #expect(info.member("name")?.stringValue == "after-1")
        #expect((info.member("size_bytes")?.intValue ?? 0) > 0)
        let createdAt = try #require(info.member("created_at")?.stringValue)
        #expect(createdAt.count == 24 && createdAt.hasSuffix("Z"), "\(createdAt)")

        let second = try server.admin("POST", "/__admin/snapshots", body: #"{"name": "Zero.2"}"#)
        #expect(second.status == 201)
        let listed = try parsedBody(try server.admin("GET", "/__admin/snapshots"))
        let names = listed.member("snapshots")?.arrayValue?.compactMap {
            $0.member("name")?.stringValue
        }
        #expect(names == ["Zero.2", "after-1"])
        #expect(listed.member("snapshots")?.arrayValue?.first?.keys == info.keys)

        #expect(try server.admin("POST", "/__admin/reset").status == 200)
        #expect(try server.leadListText() != savedA)
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: Self.leadBody
        )
        #expect(created.status == 201)

        let restored = try server.admin("POST", "/__admin/snapshots/after-1/restore")
        #expect(restored.status == 200)
        #expect(restored.text == #"{"status":"restored","name":"after-1"}"#)
        #expect(try server.leadListText() == savedA)
        #expect(try server.leadListText("org-b", as: "bob") == savedB)

        let deleted = try server.admin("DELETE", "/__admin/snapshots/after-1")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        for (method, path) in [
            ("POST", "/__admin/snapshots/after-1/restore"),
            ("DELETE", "/__admin/snapshots/after-1"),
        ] {
            let missing = try server.admin(method, path)
            expectJSON(missing, 404, #"{"detail":"No snapshot named \"after-1\"."}"#)
        }
        let remaining = try parsedBody(try server.admin("GET", "/__admin/snapshots"))
        #expect(remaining.member("snapshots")?.arrayValue?.count == 1)
    }

    @Test("saving under an existing name replaces that snapshot")
    func snapshotReplaced() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        #expect(
            try server.admin("POST", "/__admin/snapshots", body: #"{"name":"s"}"#).status == 201
        )
        try Self.makeChanges(server)
        let changed = try server.leadListText()
        #expect(
            try server.admin("POST", "/__admin/snapshots", body: #"{"name":"s"}"#).status == 201
        )

        #expect(try server.admin("POST", "/__admin/reset").status == 200)
        #expect(try server.admin("POST", "/__admin/snapshots/s/restore").status == 200)
        #expect(try server.leadListText() == changed)
    }

    @Test("invalid snapshot names are 400 with a field error; unknown ones are 404")
    func snapshotNames() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let invalid = [
            #"{"name": ""}"#, #"{"name": ".hidden"}"#, #"{"name": "a/b"}"#,
            #"{"name": "../escape"}"#, #"{"name": "with space"}"#,
            "{\"name\": \"\(String(repeating: "x", count: 65))\"}", #"{"name": 5}"#,
            #"{"name": "caf\u00e9"}"#,
        ]
        for body in invalid {
            let response = try server.admin("POST", "/__admin/snapshots", body: body)
            #expect(response.status == 400, "\(body)")
            let errors = try parsedBody(response).member("name")?.arrayValue
            #expect(errors?.count == 1, "\(body): \(response.text)")
        }

        let missingName = try server.admin("POST", "/__admin/snapshots", body: "{}")
        expectJSON(missingName, 400, #"{"name":["This field is required."]}"#)
        let notJSON = try server.admin("POST", "/__admin/snapshots", body: "[1]")
        #expect(notJSON.status == 400)
        let broken = try server.admin("POST", "/__admin/snapshots", body: "{")
        #expect(broken.status == 400)

        for (method, path) in [
            ("POST", "/__admin/snapshots/never-saved/restore"),
            ("DELETE", "/__admin/snapshots/never-saved"),
            ("POST", "/__admin/snapshots/..%2Fleads/restore"),
            ("DELETE", "/__admin/snapshots/.baseline"),
        ] {
            let response = try server.admin(method, path)
            #expect(response.status == 404, "\(method) \(path)")
        }
        #expect(try server.admin("GET", "/__admin/snapshots").text == #"{"snapshots":[]}"#)
        #expect(try server.leadListText().contains("lead-1"))
    }
}
