import Storage
import TestSupport
import Testing

/// Answers the server keeps between requests (who sent Basic credentials, who belongs to
/// which organisation, the JSON of a lead) never outlive the data: a change made behind
/// the server's back, through another handle on its database file, shows at once.
@Suite struct ReadCacheTests {
    @Test("a lead changed in the database behind the server is answered as it now is")
    func leadChangedOutside() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let path = leadsPath("org-a", "lead-1/")

        let first = try server.request("GET", path, as: "alice")
        let second = try server.request("GET", path, as: "alice")
        #expect(first.status == 200)
        #expect(second.body == first.body)

        try changeOutside(
            server,
            "UPDATE leads SET title = 'Renamed outside' WHERE unique_id = 'lead-1'"
        )
        let changed = try server.request("GET", path, as: "alice")
        #expect(changed.status == 200)
        #expect(changed.text.contains(#""title":"Renamed outside""#))

        try changeOutside(server, "DELETE FROM leads WHERE unique_id = 'lead-1'")
        #expect(try server.request("GET", path, as: "alice").status == 404)
    }

    @Test("a change through the API itself shows on the next read")
    func leadChangedThroughTheAPI() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let path = leadsPath("org-a", "lead-2/")

        #expect(try server.request("GET", path, as: "alice").status == 200)
        let patched = try server.request(
            "PATCH",
            leadsPath("org-a", "lead-2/update/"),
            as: "alice",
            headers: [("Content-Type", "application/json")],
            body: #"{"title": "Patched"}"#
        )
        #expect(patched.status == 200)
        #expect(try server.request("GET", path, as: "alice").text.contains(#""title":"Patched""#))

        #expect(
            try server.request("DELETE", leadsPath("org-a", "lead-2/delete/"), as: "alice")
                .status == 204
        )
        #expect(try server.request("GET", path, as: "alice").status == 404)
    }

    @Test("a membership removed in the database behind the server is refused at once")
    func membershipRemovedOutside() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let path = leadsPath("org-a", "lead-1/")
        #expect(try server.request("GET", path, as: "alice").status == 200)

        try changeOutside(
            server,
            """
            DELETE FROM memberships WHERE person_id =
            (SELECT id FROM people WHERE username = 'alice')
            """
        )
        let refused = try server.request("GET", path, as: "alice")
        #expect(refused.status == 403)
        #expect(refused.text == #"{"detail":"You do not have permission to perform this action."}"#)
    }

    @Test("a person deactivated in the database behind the server is refused at once")
    func personDeactivatedOutside() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let path = leadsPath("org-a", "lead-1/")
        #expect(try server.request("GET", path, as: "alice").status == 200)

        try changeOutside(server, "UPDATE people SET is_active = 0 WHERE username = 'alice'")
        let refused = try server.request("GET", path, as: "alice")
        #expect(refused.status == 401)
        #expect(refused.text == #"{"detail":"Invalid username/password."}"#)
    }

    /// Runs `sql` through a second handle on the server's database file, as another
    /// process would.
    private func changeOutside(_ server: APITestServer, _ sql: String) throws {
        try server.withDatabase { database in
            try database.write { connection in try connection.execute(sql) }
        }
    }
}
