import LeadsAPI
import Log
import TestSupport
import Testing

/// What the API wrote is still there after the server stops and a new one opens the same
/// database file.
@Suite struct PersistenceTests {
    /// Stops `server`'s application (keeping its files) and starts another on the same
    /// database, without fixtures so nothing is reloaded over the stored rows.
    private func restart(_ server: APITestServer) throws -> Application {
        server.application.shutdown()

        var configuration = server.configuration
        configuration.fixturesPath = nil
        let logger = Logger(label: "restarted", level: .debug, handler: InMemoryLogHandler())
        return try Application(configuration: configuration, logger: logger)
    }

    @Test func createdUpdatedAndDeletedLeadsSurviveARestart() throws {
        let server = try APITestServer()
        defer { server.directory.remove() }
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: """
                {"unique_id": "kept", "title": "Kept across restarts", "lead_source": "seo",
                 "sales_stage": "stage-won", "client": "client-acme", "estimated_value": 10.5,
                 "win_probability": "33.33", "follow_up_date": "2026-12-01T10:30:00.25Z",
                 "expected_close_date": "2027-01-15", "description": "Ünïcödé"}
                """
        )
        let patched = try server.json(
            "PATCH",
            leadsPath("org-a", "lead-1/update/"),
            as: "dave",
            body: #"{"title": "Changed", "win_probability": null}"#
        )
        let deleted = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-2/delete/"),
            as: "alice"
        )
        #expect(created.status == 201)
        #expect(patched.status == 200)
        #expect(deleted.status == 204)

        let restarted = try restart(server)
        defer { restarted.shutdown() }
        let port = try restarted.start()

        let list = try send(to: port, "GET", leadsPath(), as: "alice")
        #expect(list.status == 200)
        #expect(list.text == "[\(created.text),\(ExpectedLead.lead3.text),\(patched.text)]")
        let gone = try send(to: port, "GET", leadsPath("org-a", "lead-2/"), as: "alice")
        #expect(gone.status == 404)
        let other = try send(to: port, "GET", leadsPath("org-b"), as: "bob")
        #expect(other.text == leadArray([.leadB1]))
    }

    @Test func peopleAndMembershipsSurviveARestart() throws {
        let server = try APITestServer()
        defer { server.directory.remove() }

        let restarted = try restart(server)
        defer { restarted.shutdown() }
        let port = try restarted.start()

        let member = try send(to: port, "GET", leadsPath("org-a", "lead-1/"), as: "alice")
        let outsider = try send(to: port, "GET", leadsPath("org-a", "lead-1/"), as: "bob")
        let anonymous = try send(to: port, "GET", leadsPath("org-a", "lead-1/"), as: nil)
        #expect(member.text == ExpectedLead.lead1.text)
        #expect(outsider.status == 403)
        #expect(anonymous.status == 401)
    }

    @Test func reloadingFixturesKeepsLeadsTheFixturesDoNotName() throws {
        let server = try APITestServer()
        defer { server.directory.remove() }
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body:
                #"{"unique_id": "mine", "title": "Mine", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )
        #expect(created.status == 201)
        server.application.shutdown()

        let logger = Logger(label: "restarted", level: .debug, handler: InMemoryLogHandler())
        let restarted = try Application(configuration: server.configuration, logger: logger)
        defer { restarted.shutdown() }
        let port = try restarted.start()

        let list = try send(to: port, "GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["mine", "lead-3", "lead-2", "lead-1"])
        let mine = try send(to: port, "GET", leadsPath("org-a", "mine/"), as: "alice")
        #expect(mine.text == created.text)
    }
}
