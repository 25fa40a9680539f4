import TestSupport
import Testing

/// `GET .../leads/{unique_id}/` and `DELETE .../leads/{unique_id}/delete/` end to end.
@Suite struct LeadRetrieveDeleteTests {
    private let notFound = #"{"detail":"No Lead matches the given query."}"#

    @Test func retrieveAnswersTheWholeLead() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for lead in [ExpectedLead.lead1, .lead2, .lead3] {
            let response = try server.request(
                "GET",
                leadsPath("org-a", "\(lead.uniqueID)/"),
                as: "alice"
            )

            expectJSON(response, 200, lead.text)
            expectAPIHeaders(response, allow: Allowed.detail)
        }
    }

    @Test func unknownLeadIs404() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", leadsPath("org-a", "missing/"), as: "alice")

        expectJSON(response, 404, notFound)
        expectAPIHeaders(response, allow: Allowed.detail)
    }

    @Test func percentEncodedUniqueIDsAreDecoded() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body:
                #"{"unique_id": "deal 7 é", "title": "T", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )
        #expect(created.status == 201)

        let response = try server.request(
            "GET",
            leadsPath("org-a", "deal%207%20%C3%A9/"),
            as: "alice"
        )

        #expect(response.status == 200)
        #expect(try stringField("unique_id", of: response) == "deal 7 é")
    }

    @Test func deleteAnswers204WithoutBodyOrContentTypeAndTheLeadIsGone() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-2/delete/"),
            as: "dave"
        )

        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.header("Content-Type") == nil)
        expectAPIHeaders(response, allow: Allowed.delete)

        let fetched = try server.request("GET", leadsPath("org-a", "lead-2/"), as: "alice")
        expectJSON(fetched, 404, notFound)
        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["lead-3", "lead-1"])
    }

    @Test func deletingTwiceOrAnUnknownLeadIs404() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let first = try server.request("DELETE", leadsPath("org-a", "lead-1/delete/"), as: "alice")
        #expect(first.status == 204)

        let second = try server.request("DELETE", leadsPath("org-a", "lead-1/delete/"), as: "alice")

        expectJSON(second, 404, notFound)
        expectAPIHeaders(second, allow: Allowed.delete)
    }

    @Test func aDeletedUniqueIDCanBeUsedAgain() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let deleted = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-1/delete/"),
            as: "alice"
        )
        #expect(deleted.status == 204)

        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            body:
                #"{"unique_id": "lead-1", "title": "Again", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )

        #expect(created.status == 201)
        #expect(try stringField("title", of: created) == "Again")
    }

    @Test func keepAliveConnectionServesSeveralOperationsInTurn() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let client = try server.client()
        defer { client.close() }
        let authorization = basicAuthorization("alice")

        let created = try client.request(
            method: "POST",
            path: leadsPath("org-a", "create/"),
            headers: [authorization, ("Content-Type", "application/json")],
            body: Array(
                #"{"unique_id": "ka", "title": "Keep", "lead_source": "seo", "sales_stage": null}"#
                    .utf8
            )
        )
        let deleted = try client.request(
            method: "DELETE",
            path: leadsPath("org-a", "ka/delete/"),
            headers: [authorization]
        )
        let fetched = try client.request(
            method: "GET",
            path: leadsPath("org-a", "ka/"),
            headers: [authorization]
        )

        #expect(created.status == 201)
        #expect(deleted.status == 204)
        expectJSON(fetched, 404, notFound)
    }
}
