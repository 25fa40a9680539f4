import TestSupport
import Testing

/// One organisation can never read, change or even detect another's leads, sales stages
/// or clients.
@Suite struct TenantIsolationTests {
    private let forbidden = #"{"detail":"You do not have permission to perform this action."}"#
    private let notFound = #"{"detail":"No Lead matches the given query."}"#

    @Test func outsiderGets403OnEveryOperationAndChangesNothing() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let body = #"{"title": "Hijack", "lead_source": "seo", "sales_stage": null}"#

        let requests: [(String, String)] = [
            ("GET", leadsPath()),
            ("POST", leadsPath("org-a", "create/")),
            ("GET", leadsPath("org-a", "lead-1/")),
            ("GET", leadsPath("org-a", "no-such-lead/")),
            ("PUT", leadsPath("org-a", "lead-1/update/")),
            ("PATCH", leadsPath("org-a", "lead-1/update/")),
            ("DELETE", leadsPath("org-a", "lead-1/delete/")),
        ]
        for (method, path) in requests {
            let response = try server.json(method, path, as: "bob", body: body)

            expectJSON(response, 403, forbidden)
        }

        let list = try server.request("GET", leadsPath(), as: "alice")
        expectJSON(list, 200, leadArray([.lead3, .lead2, .lead1]))
    }

    @Test func anotherOrganisationsStageAndClientDoNotExist() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let created = try server.json(
            "POST",
            leadsPath("org-a", "create/"),
            as: "dave",
            body:
                #"{"title": "Cross", "#
                + #""lead_source": "seo", "sales_stage": "stage-b", "client": "client-b"}"#
        )
        let patched = try server.json(
            "PATCH",
            leadsPath("org-a", "lead-1/update/"),
            as: "dave",
            body: #"{"client": "client-b"}"#
        )

        expectJSON(
            created,
            400,
            #"{"sales_stage":["Object with unique_id=stage-b does not exist."],"#
                + #""client":["Object with unique_id=client-b does not exist."]}"#
        )
        expectJSON(patched, 400, #"{"client":["Object with unique_id=client-b does not exist."]}"#)
    }

    @Test func memberOfBothCannotReachALeadThroughTheWrongOrganisation() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let requests: [(String, String)] = [
            ("GET", leadsPath("org-a", "lead-b1/")),
            ("PATCH", leadsPath("org-a", "lead-b1/update/")),
            ("PUT", leadsPath("org-a", "lead-b1/update/")),
            ("DELETE", leadsPath("org-a", "lead-b1/delete/")),
            ("GET", leadsPath("org-b", "lead-1/")),
            ("DELETE", leadsPath("org-b", "lead-1/delete/")),
        ]
        for (method, path) in requests {
            let response = try server.json(method, path, as: "dave", body: #"{"title": "X"}"#)

            expectJSON(response, 404, notFound)
        }

        let leadB1 = try server.request("GET", leadsPath("org-b", "lead-b1/"), as: "bob")
        expectJSON(leadB1, 200, ExpectedLead.leadB1.text)
        let lead1 = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        expectJSON(lead1, 200, ExpectedLead.lead1.text)
    }

    @Test func sameUniqueIDMayLiveInTwoOrganisations() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let inB = try server.json(
            "POST",
            leadsPath("org-b", "create/"),
            as: "bob",
            body:
                #"{"unique_id": "lead-1", "title": "B's own", "#
                + #""lead_source": "seo", "sales_stage": "stage-b"}"#
        )
        let renamed = try server.json(
            "PATCH",
            leadsPath("org-b", "lead-b1/update/"),
            as: "bob",
            body: #"{"unique_id": "lead-2"}"#
        )

        #expect(inB.status == 201)
        #expect(renamed.status == 200)
        let fromA = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "dave")
        let fromB = try server.request("GET", leadsPath("org-b", "lead-1/"), as: "dave")
        expectJSON(fromA, 200, ExpectedLead.lead1.text)
        #expect(try stringField("title", of: fromB) == "B's own")

        let deleted = try server.request("DELETE", leadsPath("org-b", "lead-1/delete/"), as: "bob")
        #expect(deleted.status == 204)
        let stillThere = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        expectJSON(stillThere, 200, ExpectedLead.lead1.text)
    }

    @Test func filtersNeverReachAcrossOrganisations() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let bySource = try server.request("GET", leadsPath("org-a", "?source=partner"), as: "dave")
        let byName = try server.request("GET", leadsPath("org-a", "?name=secret"), as: "dave")
        let open = try server.request("GET", leadsPath("org-b", "?status=open"), as: "dave")

        expectJSON(bySource, 200, "[]")
        expectJSON(byName, 200, "[]")
        expectJSON(open, 200, leadArray([.leadB1]))
    }

    @Test func personWithoutOrganisationsSeesNothing() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for organisation in ["org-a", "org-b", "org-none"] {
            let response = try server.request("GET", leadsPath(organisation), as: "olive")

            expectJSON(response, 403, forbidden)
        }
    }
}
