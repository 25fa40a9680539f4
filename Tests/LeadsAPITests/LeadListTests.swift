import Foundation
import TestSupport
import Testing

/// `GET /api/v1.0/organisation/{org_uid}/leads/` with its filters, end to end.
@Suite struct LeadListTests {
    @Test func listIsAPlainArrayNewestFirstWithEveryField() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath(), as: "alice")

        expectJSON(response, 200, leadArray([.lead3, .lead2, .lead1]))
        expectAPIHeaders(response, allow: Allowed.list)
    }

    @Test func eachOrganisationListsOnlyItsOwnLeads() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath("org-b"), as: "dave")

        expectJSON(response, 200, leadArray([.leadB1]))
    }

    @Test(arguments: [
        ("name=migration", ["lead-2"]),
        ("name=MIGRATION", ["lead-2"]),
        ("name=Ion", ["lead-3", "lead-2"]),
        ("name=site+re", ["lead-1"]),
        ("name=%20", ["lead-3", "lead-2", "lead-1"]),
        ("name=zzz", []),
        ("source=website", ["lead-3", "lead-1"]),
        ("source=referral", ["lead-2"]),
        ("source=tv", []),
        ("source=Website", []),
        ("status=won", ["lead-2"]),
        ("status=lost", ["lead-3"]),
        ("status=open", ["lead-1"]),
        ("status=closed", ["lead-3", "lead-2", "lead-1"]),
        ("status=WON", ["lead-3", "lead-2", "lead-1"]),
        ("name=&source=&status=", ["lead-3", "lead-2", "lead-1"]),
        ("source=website&status=open", ["lead-1"]),
        ("source=website&name=payroll&status=lost", ["lead-3"]),
        ("source=referral&source=website", ["lead-3", "lead-1"]),
        ("unknown=1&page=2", ["lead-3", "lead-2", "lead-1"]),
    ])
    func filtersNarrowTheList(query: String, expected: [String]) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath("org-a", "?" + query), as: "alice")

        #expect(response.status == 200)
        #expect(try listedUniqueIDs(response) == expected)
    }

    @Test func filteredLeadsAreRenderedInFull() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath("org-a", "?status=won"), as: "alice")

        expectJSON(response, 200, leadArray([.lead2]))
    }

    @Test func openIncludesLeadsWithoutAWinProbability() throws {
        let server = try APITestServer()
        defer { server.stop() }
        for (id, probability) in [("none", "null"), ("zero-ish", "\"0.01\""), ("over", "\"150\"")] {
            let created = try server.json(
                "POST",
                leadsPath("org-a", "create/"),
                as: "alice",
                body: """
                    {"unique_id": "\(id)", "title": "P", "lead_source": "seo",
                     "sales_stage": null, "win_probability": \(probability)}
                    """
            )
            #expect(created.status == 201)
        }

        let open = try server.request("GET", leadsPath("org-a", "?status=open"), as: "alice")
        let lost = try server.request("GET", leadsPath("org-a", "?status=lost"), as: "alice")

        #expect(try listedUniqueIDs(open) == ["over", "zero-ish", "none", "lead-1"])
        #expect(try listedUniqueIDs(lost) == ["lead-3"])
    }

    @Test func nameMatchesCaseInsensitivelyBeyondASCII() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body: #"{"unique_id": "umlaut", "title": "ÄRGER in Österreich", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )
        #expect(created.status == 201)

        let lower = try server.request(
            "GET",
            leadsPath("org-a", "?name=%C3%B6sterreich"),
            as: "alice"
        )
        let upper = try server.request("GET", leadsPath("org-a", "?name=%C3%A4rger"), as: "alice")

        #expect(try listedUniqueIDs(lower) == ["umlaut"])
        #expect(try listedUniqueIDs(upper) == ["umlaut"])
        #expect(lower.text.contains("\"title\":\"ÄRGER in Österreich\""))
    }

    @Test func newestFirstComparesInstantsNotTexts() throws {
        let extraLeads = """
            "leads": [
                {"organisation": "org-a", "created_by": "person-alice", "unique_id": "whole",
                 "title": "Whole second", "lead_source": "seo", "sales_stage": null,
                 "date_created": "2026-11-05T09:00:00Z"},
                {"organisation": "org-a", "created_by": "person-alice", "unique_id": "later",
                 "title": "Half a second later", "lead_source": "seo", "sales_stage": null,
                 "date_created": "2026-11-05T09:00:00.5Z"},
                {"organisation": "org-a", "created_by": "person-alice", "unique_id": "earlier",
                 "title": "A moment earlier", "lead_source": "seo", "sales_stage": null,
                 "date_created": "2026-11-05T08:59:59.999999Z"},
            """
        let fixtures = TestFixtures.standard.replacingOccurrences(
            of: "\"leads\": [",
            with: extraLeads
        )
        let server = try APITestServer(fixtures: fixtures)
        defer { server.stop() }

        let response = try server.request("GET", leadsPath(), as: "alice")

        #expect(
            try listedUniqueIDs(response) == [
                "later", "whole", "earlier", "lead-3", "lead-2", "lead-1",
            ]
        )
        #expect(response.text.contains(#""date_created":"2026-11-05T09:00:00.500000Z""#))
    }

    @Test func emptyOrganisationListsAnEmptyArray() throws {
        let server = try APITestServer()
        defer { server.stop() }
        for id in ["lead-1", "lead-2", "lead-3"] {
            let deleted = try server.request(
                "DELETE",
                leadsPath("org-a", "\(id)/delete/"),
                as: "alice"
            )
            #expect(deleted.status == 204)
        }

        let response = try server.request("GET", leadsPath(), as: "alice")

        expectJSON(response, 200, "[]")
    }

    @Test func headAnswersLikeGetWithoutABody() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("HEAD", leadsPath(), as: "alice")

        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.header("Content-Type") == "application/json")
        expectAPIHeaders(response, allow: Allowed.list)
    }
}
