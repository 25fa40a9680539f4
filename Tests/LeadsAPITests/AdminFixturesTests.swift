import BodyParsing
import LeadsAPI
import TestSupport
import Testing

@Suite("Admin API: loading fixtures at run time")
struct AdminFixturesTests {
    /// A CI job's own organisation, person, sales stage and client.
    static let isolatedDocument = """
        {
          "organisations": [{"unique_id": "org-ci-7", "name": "CI run 7"}],
          "people": [
            {"unique_id": "person-ci-7", "username": "ci-runner-7", "password": "s3cret-7",
             "full_name": "CI Runner", "organisations": ["org-ci-7"]}
          ],
          "sales_stages": [{"unique_id": "stage-ci", "organisation": "org-ci-7", "name": "New"}],
          "clients": [{"unique_id": "client-ci", "organisation": "org-ci-7", "name": "Client"}]
        }
        """

    @Test("fixtures documents may pass the body limit of other requests")
    func fixturesHaveTheirOwnBodyLimit() throws {
        let server = try APITestServer.withAdmin { $0.maxBodySize = 16 * 1024 }
        defer { server.stop() }
        let document = bulkLeadsDocument(count: 100)
        #expect(document.utf8.count > 16 * 1024)

        let loaded = try server.admin("POST", "/__admin/fixtures", body: document)
        #expect(loaded.status == 200, "\(loaded.text)")
        #expect(try parsedBody(loaded).member("leads")?.intValue == 100)

        let refused = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: document
        )
        #expect(refused.status == 413)
        #expect(try server.admin("POST", "/__admin/snapshots", body: document).status == 413)
    }

    @Test("a loaded organisation and person work at once, isolated from the others")
    func loadedOrganisationIsUsable() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let loaded = try server.admin("POST", "/__admin/fixtures", body: Self.isolatedDocument)
        expectJSON(
            loaded,
            200,
            #"{"organisations":1,"people":1,"sales_stages":1,"clients":1,"leads":0}"#
        )

        let path = leadsPath("org-ci-7", "create/")
        let created = try server.request(
            "POST",
            path,
            as: "ci-runner-7",
            password: "s3cret-7",
            headers: [("Content-Type", "application/json")],
            body: "{\"title\": \"CI lead\", \"lead_source\": \"website\", "
                + "\"sales_stage\": \"stage-ci\", \"client\": \"client-ci\"}"
        )
        #expect(created.status == 201, "\(created.text)")
        #expect(try stringField("title", of: created) == "CI lead")
        let listed = try server.request(
            "GET",
            leadsPath("org-ci-7"),
            as: "ci-runner-7",
            password: "s3cret-7"
        )
        #expect(listed.status == 200)
        #expect(try listedUniqueIDs(listed).count == 1)

        let intruder = try server.request("GET", leadsPath("org-ci-7"), as: "alice")
        #expect(intruder.status == 403)
        let outside = try server.request(
            "GET",
            leadsPath("org-a"),
            as: "ci-runner-7",
            password: "s3cret-7"
        )
        #expect(outside.status == 403)
        #expect(try listedUniqueIDs(try server.request("GET", leadsPath(), as: "alice")).count == 3)

        #expect(try server.admin("POST", "/__admin/reset").status == 200)
        let afterReset = try server.request(
            "GET",
            leadsPath("org-ci-7"),
            as: "ci-runner-7",
            password: "s3cret-7"
        )
        #expect(afterReset.status == 401)
    }

    @Test("loading the same document twice updates instead of duplicating")
    func loadingIsRepeatable() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let document = bulkLeadsDocument(count: 3)

        #expect(try server.admin("POST", "/__admin/fixtures", body: document).status == 200)
        #expect(try server.admin("POST", "/__admin/fixtures", body: document).status == 200)

        let listed = try server.request("GET", leadsPath(), as: "alice")
        #expect(
            try listedUniqueIDs(listed).sorted() == [
                "bulk-1", "bulk-2", "bulk-3", "lead-1", "lead-2", "lead-3",
            ]
        )
    }

    @Test("an invalid document is a 400 naming the entry and field, and loads nothing")
    func invalidDocumentsLoadNothing() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let before = try server.leadListText()

        let cases: [(document: String, mentions: [String])] = [
            (
                """
                {"organisations": [{"unique_id": "org-new", "name": "New"}],
                 "people": [{"unique_id": "p-new", "username": "newbie", "password": "pw",
                             "full_name": "New", "organisations": ["org-new"]}],
                 "sales_stages": [{"unique_id": "s-new", "organisation": "org-new",
                                   "name": "New"}],
                 "leads": [{"organisation": "org-new", "unique_id": "l-ok", "title": "Fine",
                            "lead_source": "website", "sales_stage": "s-new"},
                           {"organisation": "org-new", "unique_id": "l-bad", "title": "Bad",
                            "lead_source": "website", "sales_stage": "s-new",
                            "priority": "urgent"}]}
                """,
                ["leads[1]", "l-bad", "priority"]
            ),
            (
                #"{"organisations": [{"unique_id": "org-x"}]}"#,
                ["organisations[0]", "org-x", "name"]
            ),
            (
                #"{"people": [{"unique_id": "p-x", "username": "x", "full_name": "X"}]}"#,
                ["people[0]", "p-x", "password"]
            ),
            (
                #"{"sales_stages": [{"unique_id": "s-x", "organisation": "org-zz", "name": "S"}]}"#,
                ["sales_stages[0]", "s-x", "org-zz"]
            ),
            (
                #"{"organisations": [{"unique_id": "org-y", "name": "Y", "colour": "red"}]}"#,
                ["organisations[0]", "colour"]
            ),
            (#"{"leeds": []}"#, ["leeds"]),
            (#"{"leads": {}}"#, ["leads"]),
            ("[]", ["object"]),
            ("{\"leads\": [", ["JSON"]),
        ]
        for (document, mentions) in cases {
            let response = try server.admin("POST", "/__admin/fixtures", body: document)
            #expect(response.status == 400, "\(document)")
            let detail = try parsedBody(response).member("detail")?.stringValue ?? ""
            for word in mentions {
                #expect(detail.contains(word), "\(word) in \(detail)")
            }
        }

        let newcomer = try server.request("GET", leadsPath("org-new"), as: "newbie", password: "pw")
        #expect(newcomer.status == 401)
        #expect(try server.leadListText() == before)
        let loadsAfter = try server.admin(
            "POST",
            "/__admin/fixtures",
            body: #"{"organisations": [{"unique_id": "org-new", "name": "New"}]}"#
        )
        #expect(loadsAfter.status == 200)
    }
}
