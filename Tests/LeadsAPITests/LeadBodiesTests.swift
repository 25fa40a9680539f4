import TestSupport
import Testing

/// The three body encodings DRF parses, and what it answers for the rest.
@Suite struct LeadBodiesTests {
    private let createPath = leadsPath("org-a", "create/")

    private let formFields = [
        ("unique_id", "form-1"), ("title", "  From a form "), ("description", ""),
        ("priority", ""), ("lead_source", "referral"), ("estimated_value", "1500.5"),
        ("win_probability", ""), ("sales_stage", ""), ("client", "client-acme"),
        ("expected_close_date", ""), ("follow_up_date", "2026-12-01T10:30:00+01:00"),
    ]

    private var formLead: ExpectedLead {
        ExpectedLead(
            uniqueID: "form-1",
            title: "From a form",
            description: "",
            leadSource: "referral",
            estimatedValue: "1500.50",
            client: "client-acme",
            followUpDate: "2026-12-01T09:30:00Z"
        )
    }

    @Test func urlencodedFormCreatesWithEmptyMeaningNullOrDefault() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.form("POST", createPath, as: "alice", fields: formFields)

        #expect(response.status == 201)
        #expect(maskingTimestamps(response.text) == formLead.text)
    }

    @Test func multipartFormCreatesTheSameLead() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.multipart("POST", createPath, as: "alice", fields: formFields)

        #expect(response.status == 201)
        #expect(maskingTimestamps(response.text) == formLead.text)
    }

    @Test func formRequiredFieldsAndBlankTitleAreReported() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.form(
            "POST",
            createPath,
            as: "alice",
            fields: [("title", ""), ("lead_source", "")]
        )

        expectJSON(
            response,
            400,
            #"{"title":["This field may not be blank."],"#
                + #""lead_source":["\"\" is not a valid choice."],"#
                + #""sales_stage":["This field is required."]}"#
        )
    }

    @Test func formRepeatedFieldTakesTheLastValue() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.form(
            "POST",
            createPath,
            as: "alice",
            fields: [
                ("title", "First"), ("title", "Second"), ("lead_source", "seo"),
                ("sales_stage", "stage-new"),
            ]
        )

        #expect(response.status == 201)
        #expect(try stringField("title", of: response) == "Second")
    }

    @Test func formPutKeepsOmittedAndEmptyNonNullableFields() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let raised = try server.json(
            "PATCH",
            leadsPath("org-a", "lead-2/update/"),
            as: "alice",
            body: #"{"priority": "high"}"#
        )
        #expect(raised.status == 200)

        let response = try server.form(
            "PUT",
            leadsPath("org-a", "lead-2/update/"),
            as: "alice",
            fields: [
                ("title", "Cloud MIGRATION"), ("lead_source", "referral"), ("sales_stage", ""),
                ("priority", ""), ("estimated_value", ""),
            ]
        )

        var expected = ExpectedLead.lead2
        expected.priority = "high"
        expected.salesStage = nil
        expected.estimatedValue = nil
        expected.weightedValue = nil
        expected.lastUpdated = "<last_updated>"
        #expect(response.status == 200)
        #expect(masking("last_updated", in: response.text).text == expected.text)
    }

    @Test func multipartPatchUpdatesOnlyItsFields() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.multipart(
            "PATCH",
            leadsPath("org-a", "lead-1/update/"),
            as: "alice",
            fields: [("win_probability", "0"), ("qualification_notes", "Lost to a rival")]
        )

        var expected = ExpectedLead.lead1
        expected.winProbability = "0.00"
        expected.weightedValue = "0.00"
        expected.isClosed = true
        expected.qualificationNotes = "Lost to a rival"
        expected.lastUpdated = "<last_updated>"
        #expect(response.status == 200)
        #expect(masking("last_updated", in: response.text).text == expected.text)
    }

    @Test func multipartFilesAreFieldValuesThatWinOverTextOfTheirName() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let boundary = "file-boundary"
        let parts: [(name: String, fileName: String?, value: String)] = [
            ("title", "notes.txt", "Title text"),
            ("description", nil, "plain text first"),
            ("description", "d.txt", "file"),
            ("qualification_notes", "/", "dropped: no usable name"),
            ("priority", "urgent.txt", ""),
            ("estimated_value", "a.txt", "12"),
            ("win_probability", "12.5", "ignored"),
            ("client", "../x\\client-acme", "named after a client"),
            ("sales_stage", "stage-x", ""),
            ("expected_close_date", "2026-01-01", ""),
            ("follow_up_date", "2026-01-01T10:00:00Z", ""),
        ]
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { body += "; filename=\"\(fileName)\"" }
            body += "\r\n\r\n\(part.value)\r\n"
        }
        body += "--\(boundary)--\r\n"

        let response = try server.request(
            "PATCH",
            leadsPath("org-a", "lead-1/update/"),
            as: "alice",
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")],
            body: body
        )

        expectJSON(
            response,
            400,
            #"{"title":["Not a valid string."],"description":["Not a valid string."],"#
                + #""priority":["\"urgent.txt\" is not a valid choice."],"#
                + #""estimated_value":["A valid number is required."],"#
                + #""sales_stage":["Object with unique_id=stage-x does not exist."],"#
                + #""expected_close_date":["Date has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DD."],"#
                + #""follow_up_date":["Datetime has wrong format. Use one of these formats "#
                + #"instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}"#
        )
    }

    @Test(arguments: [
        ("application/json; charset=latin-1", [0xE9] as [UInt8], "Caf\u{E9}"),
        ("application/json; charset=ISO-8859-1", [0xC3, 0xA9], "Caf\u{C3}\u{A9}"),
        ("application/json; charset=xyz", [0xC3, 0xA9], "Caf\u{E9}"),
        ("application/json; charset=utf-8", [0xC3, 0xA9], "Caf\u{E9}"),
        ("application/x-www-form-urlencoded; charset=latin1", Array("%E9".utf8), "Caf\u{E9}"),
        ("application/x-www-form-urlencoded; charset=nope", Array("%C3%A9".utf8), "Caf\u{E9}"),
    ])
    func bodiesAreReadInTheirCharset(contentType: String, tail: [UInt8], title: String) throws {
        let server = try APITestServer()
        defer { server.stop() }
        let isJSON = contentType.hasPrefix("application/json")
        let body =
            isJSON
            ? Array(#"{"title": "Caf"#.utf8) + tail + Array(#""}"#.utf8)
            : Array("title=Caf".utf8) + tail
        let client = try server.client()
        defer { client.close() }

        let response = try client.request(
            method: "PATCH",
            path: leadsPath("org-a", "lead-1/update/"),
            headers: [basicAuthorization("alice"), ("Content-Type", contentType)],
            body: body
        )

        #expect(response.status == 200)
        #expect(try stringField("title", of: response) == title)
    }

    @Test func asciiCharsetRefusesHighBytesAsPythonsCodec() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let client = try server.client()
        defer { client.close() }

        let response = try client.request(
            method: "PATCH",
            path: leadsPath("org-a", "lead-1/update/"),
            headers: [
                basicAuthorization("alice"), ("Content-Type", "application/json; charset=ascii"),
            ],
            body: Array(#"{"title": "Caf"#.utf8) + [0xC3, 0xA9] + Array(#""}"#.utf8)
        )

        expectJSON(
            response,
            400,
            #"{"detail":"JSON parse error - 'ascii' codec can't decode byte 0xc3 in position "#
                + #"14: ordinal not in range(128)"}"#
        )
    }

    @Test(arguments: ["text/plain", "text/plain; charset=utf-8", "application/xml", ""])
    func otherMediaTypesAre415(contentType: String) throws {
        let server = try APITestServer()
        defer { server.stop() }
        let headers = contentType.isEmpty ? [] : [("Content-Type", contentType)]

        let response = try server.request(
            "POST",
            createPath,
            as: "alice",
            headers: headers,
            body: "title=x"
        )

        expectJSON(
            response,
            415,
            #"{"detail":"Unsupported media type \"\#(contentType)\" in request."}"#
        )
        expectAPIHeaders(response, allow: Allowed.create)
    }

    @Test(arguments: ["*/*", "application/*", "*/json"])
    func wildcardContentTypeIsReadByTheFirstMatchingParser(contentType: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "POST",
            createPath,
            as: "alice",
            headers: [("Content-Type", contentType)],
            body: #"{"unique_id": "wild", "title": "W", "lead_source": "seo", "sales_stage": null}"#
        )

        #expect(response.status == 201)
        #expect(try stringField("unique_id", of: response) == "wild")
    }

    @Test func emptyBodyOfAnyTypeIsAnEmptyObject() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let required =
            #"{"title":["This field is required."],"lead_source":["This field is required."],"#
            + #""sales_stage":["This field is required."]}"#

        let plain = try server.request(
            "POST",
            createPath,
            as: "alice",
            headers: [("Content-Type", "text/plain")]
        )
        let none = try server.request("POST", createPath, as: "alice")

        expectJSON(plain, 400, required)
        expectJSON(none, 400, required)
    }

    @Test(arguments: [
        ("{\"title\": ", "Expecting value: line 1 column 11 (char 10)"),
        (
            "{'title': 'x'}",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
        ),
        ("  ", "Expecting value: line 1 column 3 (char 2)"),
        ("{} {}", "Extra data: line 1 column 4 (char 3)"),
        ("{\"a\": NaN}", "Out of range float values are not JSON compliant: 'NaN'"),
        ("[-Infinity", "Out of range float values are not JSON compliant: '-Infinity'"),
        ("{\"a\":\n tru}", "Expecting value: line 2 column 2 (char 7)"),
    ])
    func malformedJSONIs400WithPythonsMessage(body: String, message: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json("POST", createPath, as: "alice", body: body)

        expectJSON(response, 400, #"{"detail":"JSON parse error - \#(message)"}"#)
        expectAPIHeaders(response, allow: Allowed.create)
    }

    @Test(arguments: [
        ("[]", "Invalid data. Expected a dictionary, but got list."),
        ("[{\"title\": \"x\"}]", "Invalid data. Expected a dictionary, but got list."),
        ("\"text\"", "Invalid data. Expected a dictionary, but got str."),
        ("42", "Invalid data. Expected a dictionary, but got int."),
        ("4.2", "Invalid data. Expected a dictionary, but got float."),
        ("true", "Invalid data. Expected a dictionary, but got bool."),
        ("null", "No data provided"),
    ])
    func bodyThatIsNotAnObjectIsANonFieldError(body: String, message: String) throws {
        let server = try APITestServer()
        defer { server.stop() }

        let create = try server.json("POST", createPath, as: "alice", body: body)
        let patch = try server.json(
            "PATCH",
            leadsPath("org-a", "lead-1/update/"),
            as: "alice",
            body: body
        )

        expectJSON(create, 400, #"{"non_field_errors":["\#(message)"]}"#)
        expectJSON(patch, 400, #"{"non_field_errors":["\#(message)"]}"#)
    }

    @Test func jsonNumbersAreReadAsPythonFloatsAndBlankDecimalsAsNull() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.json(
            "POST",
            createPath,
            as: "alice",
            body: """
                {"unique_id": "floats", "title": "Floats", "lead_source": "seo",
                 "sales_stage": null, "estimated_value": 1234567890123456.78,
                 "win_probability": "  "}
                """
        )

        let expected = ExpectedLead(
            uniqueID: "floats",
            title: "Floats",
            leadSource: "seo",
            estimatedValue: "1234567890123456.80"
        )
        #expect(response.status == 201)
        #expect(maskingTimestamps(response.text) == expected.text)
    }

    @Test func invalidUTF8InJSONIsPythonsDecodeError() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let client = try server.client()
        defer { client.close() }

        let response = try client.request(
            method: "POST",
            path: createPath,
            headers: [basicAuthorization("alice"), ("Content-Type", "application/json")],
            body: Array(#"{"title": ""#.utf8) + [0xC3] + Array(#""}"#.utf8)
        )

        expectJSON(
            response,
            400,
            #"{"detail":"JSON parse error - 'utf-8' codec can't decode byte 0xc3 in "#
                + #"position 11: invalid continuation byte"}"#
        )
    }

    @Test func multipartWithAnEmptyBoundaryIs400() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "POST",
            createPath,
            as: "alice",
            headers: [("Content-Type", #"multipart/form-data; boundary="""#)],
            body: "title=x"
        )

        expectJSON(
            response,
            400,
            #"{"detail":"Multipart form parse error - Invalid boundary in multipart: "}"#
        )
    }

    @Test func multipartWithoutABoundaryIs400() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "POST",
            createPath,
            as: "alice",
            headers: [("Content-Type", "multipart/form-data")],
            body: "title=x"
        )

        expectJSON(
            response,
            400,
            #"{"detail":"Multipart form parse error - Invalid boundary in multipart: None"}"#
        )
    }

    @Test func jsonWithCharsetParameterIsJSON() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request(
            "POST",
            createPath,
            as: "alice",
            headers: [("Content-Type", "Application/JSON; charset=utf-8")],
            body:
                #"{"unique_id": "cs", "title": "Charset", "#
                + #""lead_source": "seo", "sales_stage": null}"#
        )

        #expect(response.status == 201)
        #expect(try stringField("title", of: response) == "Charset")
    }
}
