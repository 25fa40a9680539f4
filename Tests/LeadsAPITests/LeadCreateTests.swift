import TestSupport
import Testing

/// `POST /api/v1.0/organisation/{org_uid}/leads/create/` end to end.
@Suite struct LeadCreateTests {
    private let createPath = leadsPath("org-a", "create/")

    @Test func everyWritableFieldIsStoredAndReturnedIn201() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"unique_id": "deal-42", "title": "Solar panels", "description": "Roof job",
                 "qualification_notes": "Budget approved", "priority": "high",
                 "lead_source": "trade_show", "estimated_value": "12000.50",
                 "win_probability": "75", "sales_stage": "stage-new", "client": "client-acme",
                 "expected_close_date": "2026-12-24", "follow_up_date": "2026-12-01T10:30:00Z"}
                """
        )

        let expected = ExpectedLead(
            uniqueID: "deal-42",
            title: "Solar panels",
            description: "Roof job",
            qualificationNotes: "Budget approved",
            priority: "high",
            leadSource: "trade_show",
            estimatedValue: "12000.50",
            winProbability: "75.00",
            weightedValue: "9000.38",
            salesStage: "stage-new",
            client: "client-acme",
            expectedCloseDate: "2026-12-24",
            followUpDate: "2026-12-01T10:30:00Z"
        )
        #expect(response.status == 201)
        #expect(response.header("Content-Type") == "application/json")
        #expect(maskingTimestamps(response.text) == expected.text)
        expectAPIHeaders(response, allow: Allowed.create)

        let fetched = try server.request("GET", leadsPath("org-a", "deal-42/"), as: "alice")
        #expect(fetched.status == 200)
        #expect(fetched.text == response.text)
    }

    @Test func minimalLeadGetsDefaultsAndAGeneratedUniqueID() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "dave",
            body: #"{"title": "Minimal", "lead_source": "other", "sales_stage": null}"#
        )

        let expected = ExpectedLead(title: "Minimal", leadSource: "other", creator: .dave)
        #expect(response.status == 201)
        #expect(maskingGeneratedUniqueID(maskingTimestamps(response.text)) == expected.text)
    }

    @Test(arguments: [
        #""unique_id": null,"#, #""unique_id": "","#, #""unique_id": "   ","#, "",
    ])
    func missingNullOrBlankUniqueIDIsGenerated(field: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let first = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: #"{\#(field) "title": "One", "lead_source": "seo", "sales_stage": null}"#
        )
        let second = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: #"{\#(field) "title": "Two", "lead_source": "seo", "sales_stage": null}"#
        )

        #expect(first.status == 201)
        #expect(second.status == 201)
        let firstID = try #require(try stringField("unique_id", of: first))
        let secondID = try #require(try stringField("unique_id", of: second))
        _ = maskingGeneratedUniqueID(first.text)
        #expect(firstID != secondID)
        let fetched = try server.request("GET", leadsPath("org-a", firstID + "/"), as: "alice")
        #expect(fetched.status == 200)
    }

    @Test func textIsTrimmedAndNullTextStaysNull() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"unique_id": "  padded  ", "title": "  Spaced out \\n", "description": "  a  ",
                 "qualification_notes": null, "lead_source": "seo", "sales_stage": "stage-won"}
                """
        )

        let expected = ExpectedLead(
            uniqueID: "padded",
            title: "Spaced out",
            description: "a",
            leadSource: "seo",
            salesStage: "stage-won"
        )
        #expect(response.status == 201)
        #expect(maskingTimestamps(response.text) == expected.text)
    }

    @Test func readOnlyAndUnknownFieldsAreIgnored() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"unique_id": "ro-1", "title": "Read only", "lead_source": "ppc",
                 "sales_stage": "stage-new", "weighted_value": "999.00", "is_closed": true,
                 "created_by": {"unique_id": "person-bob", "full_name": "Bob"},
                 "assigned_to": "person-dave", "date_created": "2001-01-01T00:00:00Z",
                 "last_updated": "2001-01-01T00:00:00Z", "colour": "blue"}
                """
        )

        let expected = ExpectedLead(
            uniqueID: "ro-1",
            title: "Read only",
            leadSource: "ppc",
            salesStage: "stage-new"
        )
        #expect(response.status == 201)
        #expect(maskingTimestamps(response.text) == expected.text)
        #expect(!response.text.contains("2001-01-01"))
    }

    @Test(arguments: [
        ("\"1000.1\"", "\"25\"", "1000.10", "25.00", "250.02"),
        ("1000.1", "25", "1000.10", "25.00", "250.02"),
        ("100", "33.33", "100.00", "33.33", "33.33"),
        ("\"0.05\"", "50", "0.05", "50.00", "0.02"),
        ("\"0.07\"", "50", "0.07", "50.00", "0.04"),
        ("\"-1000\"", "\"-12.5\"", "-1000.00", "-12.50", "125.00"),
        ("\" 12.5 \"", "150", "12.50", "150.00", "18.75"),
        (
            "\"9999999999999999.99\"", "100", "9999999999999999.99", "100.00",
            "9999999999999999.99"
        ),
        ("1e3", "0.5", "1000.00", "0.50", "5.00"),
    ])
    func decimalsAreExactAndWeightedValueRoundsHalfEven(
        estimated: String,
        probability: String,
        storedValue: String,
        storedProbability: String,
        weighted: String
    ) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"unique_id": "d", "title": "Decimals", "lead_source": "seo",
                 "sales_stage": null, "estimated_value": \(estimated),
                 "win_probability": \(probability)}
                """
        )

        let expected = ExpectedLead(
            uniqueID: "d",
            title: "Decimals",
            leadSource: "seo",
            estimatedValue: storedValue,
            winProbability: storedProbability,
            weightedValue: weighted,
            isClosed: storedProbability == "100.00"
        )
        #expect(response.status == 201)
        #expect(maskingTimestamps(response.text) == expected.text)
    }

    @Test(arguments: [("\"100\"", true), ("\"0\"", true), ("\"-0\"", true), ("\"99.99\"", false)])
    func isClosedFollowsWinProbability(probability: String, closed: Bool) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"title": "Closing", "lead_source": "seo", "sales_stage": null,
                 "win_probability": \(probability)}
                """
        )

        #expect(response.status == 201)
        #expect(response.text.contains("\"is_closed\":\(closed),"))
        #expect(response.text.contains("\"weighted_value\":null,"))
    }

    @Test func weightedValueTooLargeToStoreIsA400AndNothingIsCreated() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"unique_id": "huge", "title": "Huge", "lead_source": "seo", "sales_stage": null,
                 "estimated_value": "9999999999999999.99", "win_probability": "999.99"}
                """
        )

        expectJSON(
            response,
            400,
            #"{"weighted_value":["Ensure that there are no more than 16 digits before the "#
                + #"decimal point."]}"#
        )
        expectAPIHeaders(response, allow: Allowed.create)
        let fetched = try server.request("GET", leadsPath("org-a", "huge/"), as: "alice")
        #expect(fetched.status == 404)
    }

    @Test func datesAreReadAsDRFDoesAndShownInUTC() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let cases = [
            ("2026-12-01T10:30:00+02:00", "2026-12-01T08:30:00Z"),
            ("2026-12-01T10:30:00", "2026-12-01T10:30:00Z"),
            ("2026-12-01T10:30:00.5Z", "2026-12-01T10:30:00.500000Z"),
            ("2026-12-01T23:30:00-01:00", "2026-12-02T00:30:00Z"),
            ("2026-12-01 10:30", "2026-12-01T10:30:00Z"),
        ]
        for (index, (input, stored)) in cases.enumerated() {
            let response = try server.json(
                "POST",
                createPath,
                as: "alice",
                body: """
                    {"unique_id": "date-\(index)", "title": "Dates", "lead_source": "seo",
                     "sales_stage": null, "expected_close_date": "2027-02-28",
                     "follow_up_date": "\(input)"}
                    """
            )

            let expected = ExpectedLead(
                uniqueID: "date-\(index)",
                title: "Dates",
                leadSource: "seo",
                expectedCloseDate: "2027-02-28",
                followUpDate: stored
            )
            #expect(response.status == 201, "\(input)")
            #expect(maskingTimestamps(response.text) == expected.text, "\(input)")
        }
    }

    @Test func creatorIsTheAuthenticatedPersonAndTheLeadIsListedFirst() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "dave",
            body:
                #"{"unique_id": "newest", "title": "N", "lead_source": "seo", "sales_stage": null}"#
        )
        #expect(response.status == 201)
        #expect(
            response.text.contains(
                #""created_by":{"unique_id":"person-dave","full_name":"Dave Dlamini"},"#
                    + #""assigned_to":{"unique_id":"person-dave","full_name":"Dave Dlamini"},"#
            )
        )

        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["newest", "lead-3", "lead-2", "lead-1"])
    }

    @Test func sameUniqueIDTwiceInOneOrganisationIsRefused() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body:
                #"{"unique_id": "lead-1", "title": "Dup", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )

        expectJSON(response, 400, #"{"unique_id":["lead with this unique id already exists."]}"#)
        let list = try server.request("GET", leadsPath(), as: "alice")
        #expect(try listedUniqueIDs(list) == ["lead-3", "lead-2", "lead-1"])
    }

    @Test func uniqueIDOfExactlyOneHundredCharactersIsAccepted() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let longest = String(repeating: "x", count: 100)

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body:
                #"{"unique_id": "\#(longest)", "title": "L", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )

        #expect(response.status == 201)
        #expect(try stringField("unique_id", of: response) == longest)
    }
}
