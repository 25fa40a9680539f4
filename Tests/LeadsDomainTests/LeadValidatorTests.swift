import BodyParsing
import LeadsDomain
import Testing

/// Expectations come from running DRF 3.18's `ModelSerializer` on Django 5.2 with the
/// lead model's field definitions.
@Suite("LeadValidator with JSON bodies")
struct LeadValidatorTests {
    @Test("creates a lead from every writable field, converted and trimmed")
    func createsFromEveryField() throws {
        let body = jsonBody([
            ("unique_id", text("  lead-9 ")),
            ("title", text("  Big deal \u{3000}")),
            ("description", text(" About it ")),
            ("qualification_notes", text("")),
            ("priority", text("high")),
            ("lead_source", text("social_media")),
            ("estimated_value", text("1e3")),
            ("win_probability", number("55.5")),
            ("sales_stage", text("stage-2")),
            ("client", text("client-1")),
            ("expected_close_date", text("2026-01-31")),
            ("follow_up_date", text("2026-01-31T12:00:00.25+02:00")),
        ])

        let result = try #require(changes(body))

        var expected = LeadChanges()
        expected.uniqueID = .set("lead-9")
        expected.title = .set("Big deal")
        expected.description = .set("About it")
        expected.qualificationNotes = .set("")
        expected.priority = .set(.high)
        expected.leadSource = .set(.socialMedia)
        expected.estimatedValue = .set(DecimalNumber.parse("1000.00"))
        expected.winProbability = .set(DecimalNumber.parse("55.50"))
        expected.salesStage = .set("stage-2")
        expected.client = .set("client-1")
        expected.expectedCloseDate = .set(CalendarDate(year: 2026, month: 1, day: 31))
        expected.followUpDate = .set(UTCDateTime.parse("2026-01-31T10:00:00.25Z"))
        #expect(result == expected)
        #expect(result.estimatedValue.newValue??.storageText == "1000.00")
        #expect(result.winProbability.newValue??.storageText == "55.50")
    }

    @Test("gives a new lead the model's defaults for fields left out")
    func fillsCreateDefaults() throws {
        let result = try #require(changes(jsonBody(requiredFields)))

        #expect(result.uniqueID == .set(nil))
        #expect(result.priority == .set(.medium))
        #expect(result.description == .set(nil))
        #expect(result.qualificationNotes == .set(nil))
        #expect(result.estimatedValue == .set(nil))
        #expect(result.winProbability == .set(nil))
        #expect(result.client == .set(nil))
        #expect(result.expectedCloseDate == .set(nil))
        #expect(result.followUpDate == .set(nil))
        #expect(result.title == .set("Deal"))
        #expect(result.leadSource == .set(.website))
        #expect(result.salesStage == .set("stage-1"))
    }

    @Test("requires title, lead source and sales stage on create and full update")
    func requiresFieldsOnCreateAndPut() {
        let expected = fieldErrors(
            ("title", ["This field is required."]),
            ("lead_source", ["This field is required."]),
            ("sales_stage", ["This field is required."])
        )

        #expect(errors(jsonBody([]), mode: .create) == expected)
        #expect(errors(jsonBody([]), mode: .fullUpdate) == expected)
    }

    @Test("leaves omitted optional fields alone on a full update")
    func fullUpdateKeepsOmittedFields() throws {
        let result = try #require(changes(jsonBody(requiredFields), mode: .fullUpdate))

        var expected = LeadChanges()
        expected.title = .set("Deal")
        expected.leadSource = .set(.website)
        expected.salesStage = .set("stage-1")
        #expect(result == expected)
    }

    @Test("accepts an empty partial update that changes nothing")
    func emptyPatchIsValid() throws {
        let result = try #require(changes(jsonBody([]), mode: .partialUpdate))

        #expect(result == LeadChanges())
    }

    @Test("changes only what a partial update names, nulls included")
    func partialUpdateSetsNamedFields() throws {
        let body = jsonBody([
            ("description", .null),
            ("sales_stage", .null),
            ("client", text("")),
            ("estimated_value", text("  ")),
            ("unique_id", .null),
        ])

        let result = try #require(changes(body, mode: .partialUpdate))

        var expected = LeadChanges()
        expected.uniqueID = .set(nil)
        expected.description = .set(nil)
        expected.estimatedValue = .set(nil)
        expected.salesStage = .set(nil)
        expected.client = .set(nil)
        #expect(result == expected)
    }

    @Test(
        "refuses bodies that are not objects, naming the Python type",
        arguments: [
            (JSONValue.array([.number("1")]), "list"), (.string("x"), "str"),
            (.number("12"), "int"), (.number("5.0"), "float"), (.bool(true), "bool"),
        ]
    )
    func refusesNonObjects(body: JSONValue, typeName: String) {
        let expected = fieldErrors(
            ("non_field_errors", ["Invalid data. Expected a dictionary, but got \(typeName)."])
        )

        #expect(errors(.json(body)) == expected)
        #expect(errors(.json(body), mode: .partialUpdate) == expected)
    }

    @Test("answers a JSON null body with DRF's no-data message")
    func refusesNull() {
        #expect(errors(.json(.null)) == fieldErrors(("non_field_errors", ["No data provided"])))
    }

    @Test(
        "applies DRF's text rules to the title",
        arguments: [
            (JSONValue.string(""), "This field may not be blank."),
            (.string("  \u{A0}\t"), "This field may not be blank."),
            (.null, "This field may not be null."),
            (.bool(true), "Not a valid string."),
            (.array([.string("a")]), "Not a valid string."),
            (.object(JSONObject()), "Not a valid string."),
            (.string("a\u{0}b"), "Null characters are not allowed."),
            (.string("a\u{10DC00}b\u{10D800}"), "Surrogate characters are not allowed: U+DC00."),
        ]
    )
    func refusesInvalidTitles(title: JSONValue, message: String) {
        let body = jsonBody([("title", title)])

        #expect(errors(body, mode: .partialUpdate) == fieldErrors(("title", [message])))
    }

    @Test(
        "turns numeric titles into Python's text for them",
        arguments: [
            ("5", "5"), ("5.0", "5.0"), ("1e3", "1000.0"), ("1.000", "1.0"), ("1e400", "inf"),
        ]
    )
    func acceptsNumericTitles(written: String, expected: String) throws {
        let result = try #require(
            changes(jsonBody([("title", number(written))]), mode: .partialUpdate)
        )

        #expect(result.title == .set(expected))
    }

    @Test("checks the unique_id's length, uniqueness and characters")
    func checksUniqueID() throws {
        let long = String(repeating: "x", count: 101)
        let cases: [(JSONValue, [String])] = [
            (.string(long), ["Ensure this field has no more than 100 characters."]),
            (.string("taken-id"), ["lead with this unique id already exists."]),
            (.string("  taken-id  "), ["lead with this unique id already exists."]),
            (.string("taken-id\u{0}"), ["Null characters are not allowed."]),
            (
                .string("taken-id\u{0}\u{10D800}"),
                [
                    "Null characters are not allowed.",
                    "Surrogate characters are not allowed: U+D800.",
                ]
            ),
            (
                .string(long + "\u{10DFFF}"),
                [
                    "Ensure this field has no more than 100 characters.",
                    "Surrogate characters are not allowed: U+DFFF.",
                ]
            ),
            (.bool(false), ["Not a valid string."]),
        ]
        for (value, messages) in cases {
            let body = jsonBody([("unique_id", value)])
            #expect(errors(body, mode: .partialUpdate) == fieldErrors(("unique_id", messages)))
        }

        let exactlyLongEnough = String(repeating: "é", count: 100)
        let accepted = try #require(
            changes(jsonBody([("unique_id", text(exactlyLongEnough))]), mode: .partialUpdate)
        )
        #expect(accepted.uniqueID == .set(exactlyLongEnough))
        let numeric = try #require(
            changes(jsonBody([("unique_id", number("1.50"))]), mode: .partialUpdate)
        )
        #expect(numeric.uniqueID == .set("1.5"))
    }

    @Test("asks for a new unique_id when the client sends a blank one")
    func blankUniqueIDMeansGenerate() throws {
        for value in [JSONValue.string(""), .string("   "), .null] {
            let result = try #require(changes(jsonBody(requiredFields + [("unique_id", value)])))
            #expect(result.uniqueID == .set(nil))
        }
    }

    @Test(
        "refuses unknown choices with the value as Python prints it",
        arguments: [
            (JSONValue.string("tv"), "\"tv\" is not a valid choice."),
            (.string("Low"), "\"Low\" is not a valid choice."),
            (.string(" low"), "\" low\" is not a valid choice."),
            (.string(""), "\"\" is not a valid choice."),
            (.number("5"), "\"5\" is not a valid choice."),
            (.number("5.0"), "\"5.0\" is not a valid choice."),
            (.number("1e400"), "\"inf\" is not a valid choice."),
            (.bool(true), "\"True\" is not a valid choice."),
            (.array([.string("low")]), "\"['low']\" is not a valid choice."),
            (.null, "This field may not be null."),
        ]
    )
    func refusesInvalidChoices(value: JSONValue, message: String) {
        let body = jsonBody([("priority", value), ("lead_source", value)])

        let expected = fieldErrors(("priority", [message]), ("lead_source", [message]))
        #expect(errors(body, mode: .partialUpdate) == expected)
    }

    @Test("accepts every lead source and priority by its key")
    func acceptsEveryChoice() throws {
        for source in LeadSource.allCases {
            let result = try #require(
                changes(jsonBody([("lead_source", text(source.rawValue))]), mode: .partialUpdate)
            )
            #expect(result.leadSource == .set(source))
        }
        for priority in Priority.allCases {
            let result = try #require(
                changes(jsonBody([("priority", text(priority.rawValue))]), mode: .partialUpdate)
            )
            #expect(result.priority == .set(priority))
        }
    }

    @Test(
        "applies DRF's decimal rules to the estimated value",
        arguments: [
            (JSONValue.string("abc"), "A valid number is required."),
            (.string("NaN"), "A valid number is required."),
            (.string("-Infinity"), "A valid number is required."),
            (.string("--1"), "A valid number is required."),
            (.bool(true), "A valid number is required."),
            (.array([]), "A valid number is required."),
            (.number("1e400"), "A valid number is required."),
            (
                .string("12345678901234567890"),
                "Ensure that there are no more than 18 digits in total."
            ),
            (.string("0e20"), "Ensure that there are no more than 18 digits in total."),
            (.string("1000.105"), "Ensure that there are no more than 2 decimal places."),
            (.string("0.001"), "Ensure that there are no more than 2 decimal places."),
            (
                .string("12345678901234567"),
                "Ensure that there are no more than 16 digits before the decimal point."
            ),
            (
                .string("12345678901234567.5"),
                "Ensure that there are no more than 16 digits before the decimal point."
            ),
            (
                .string("123456789012345678.5"),
                "Ensure that there are no more than 18 digits in total."
            ),
            (.string(String(repeating: "1", count: 1001)), "String value too large."),
        ]
    )
    func refusesInvalidEstimatedValues(value: JSONValue, message: String) {
        let body = jsonBody([("estimated_value", value)])

        #expect(errors(body, mode: .partialUpdate) == fieldErrors(("estimated_value", [message])))
    }

    @Test(
        "quantizes valid decimals to two places, reading JSON numbers as Python floats",
        arguments: [
            (JSONValue.string("1000"), "1000.00"), (.string(" 12 "), "12.00"),
            (.string("1_000"), "1000.00"), (.string("-1.50"), "-1.50"), (.string("1E-2"), "0.01"),
            (.string("\u{661}\u{662}"), "12.00"),
            (.string("1234567890123456.78"), "1234567890123456.78"),
            (.number("1000"), "1000.00"), (.number("1.000"), "1.00"),
            (.number("1234567890123456.78"), "1234567890123456.80"),
            (.number("1e15"), "1000000000000000.00"),
        ]
    )
    func acceptsValidEstimatedValues(value: JSONValue, expected: String) throws {
        let result = try #require(
            changes(jsonBody([("estimated_value", value)]), mode: .partialUpdate)
        )

        #expect(result.estimatedValue.newValue??.storageText == expected)
    }

    @Test("limits the win probability to 5 digits with 2 places")
    func checksWinProbability() throws {
        let cases: [(String, String)] = [
            ("1000", "Ensure that there are no more than 3 digits before the decimal point."),
            ("100.001", "Ensure that there are no more than 5 digits in total."),
            ("1.000", "Ensure that there are no more than 2 decimal places."),
        ]
        for (written, message) in cases {
            let body = jsonBody([("win_probability", text(written))])
            #expect(
                errors(body, mode: .partialUpdate) == fieldErrors(("win_probability", [message]))
            )
        }

        let accepted = try #require(
            changes(jsonBody([("win_probability", text("999.99"))]), mode: .partialUpdate)
        )
        #expect(accepted.winProbability.newValue??.storageText == "999.99")
    }

    @Test(
        "looks up sales stages and clients by the value as Python prints it",
        arguments: [
            (JSONValue.string("missing"), "Object with unique_id=missing does not exist."),
            (.string(" "), "Object with unique_id=  does not exist."),
            (.string("STAGE-1"), "Object with unique_id=STAGE-1 does not exist."),
            (.number("1e2"), "Object with unique_id=100.0 does not exist."),
            (.bool(false), "Object with unique_id=False does not exist."),
            (
                .array([.number("1"), .string("a")]),
                "Object with unique_id=[1, 'a'] does not exist."
            ),
            (
                .object(JSONObject([("a", .array([.number("1"), .null, .bool(true)]))])),
                "Object with unique_id={'a': [1, None, True]} does not exist."
            ),
            (.string("a\u{0}"), "Invalid value."),
        ]
    )
    func refusesUnknownReferences(value: JSONValue, message: String) {
        let body = jsonBody([("sales_stage", value), ("client", value)])

        let expected = fieldErrors(("sales_stage", [message]), ("client", [message]))
        #expect(errors(body, mode: .partialUpdate) == expected)
    }

    @Test("finds references named by numbers and booleans through their Python text")
    func findsNonStringReferences() throws {
        let body = jsonBody([("sales_stage", number("5")), ("client", number("7"))])
        let result = try #require(changes(body, mode: .partialUpdate))
        #expect(result.salesStage == .set("5"))
        #expect(result.client == .set("7"))

        let flags = try #require(
            changes(jsonBody([("sales_stage", .bool(true))]), mode: .partialUpdate)
        )
        #expect(flags.salesStage == .set("True"))
        let float = try #require(
            changes(jsonBody([("sales_stage", number("1.50"))]), mode: .partialUpdate)
        )
        #expect(float.salesStage == .set("1.5"))
    }

    @Test("applies DRF's date and datetime rules")
    func checksDates() {
        let dateFormat = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
        let dateTimeFormat =
            "Datetime has wrong format. Use one of these formats instead: "
            + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
        let cases: [(JSONValue, String, String)] = [
            (.string("2025-02-30"), dateFormat, dateTimeFormat),
            (.string(""), dateFormat, dateTimeFormat),
            (.string("x"), dateFormat, dateTimeFormat),
            (.number("5"), dateFormat, dateTimeFormat),
            (.bool(true), dateFormat, dateTimeFormat),
            (.string("2026-01-31T25:00"), dateFormat, dateTimeFormat),
            (.string("0001-01-01T00:00+01:00"), dateFormat, "Datetime value out of range."),
            (.string("2026-01-31T10:00:00Z"), dateFormat, "unused"),
        ]
        for (value, dateMessage, dateTimeMessage) in cases {
            let body = jsonBody([("expected_close_date", value), ("follow_up_date", value)])
            var expected = fieldErrors(("expected_close_date", [dateMessage]))
            if dateTimeMessage != "unused" { expected.add("follow_up_date", dateTimeMessage) }
            #expect(errors(body, mode: .partialUpdate) == expected)
        }
    }

    @Test("reads a date alone as midnight UTC for the follow-up date")
    func acceptsDateOnlyFollowUp() throws {
        let body = jsonBody([
            ("follow_up_date", text("2026-01-31")), ("expected_close_date", .null),
        ])

        let result = try #require(changes(body, mode: .partialUpdate))

        #expect(result.followUpDate.newValue??.isoText == "2026-01-31T00:00:00Z")
        #expect(result.expectedCloseDate == .set(nil))
    }

    @Test("ignores read-only and unknown fields")
    func ignoresReadOnlyAndUnknownFields() throws {
        let body = jsonBody(
            requiredFields + [
                ("weighted_value", text("junk")), ("is_closed", text("x")),
                ("created_by", .object(JSONObject([("x", .number("1"))]))),
                ("assigned_to", .null), ("date_created", text("never")),
                ("last_updated", .bool(true)), ("bogus", .number("1")),
            ]
        )

        #expect(changes(body) == changes(jsonBody(requiredFields)))
    }

    @Test("reports every invalid field at once, in serializer field order")
    func reportsAllErrorsInOrder() {
        let body = jsonBody([
            ("follow_up_date", text("x")),
            ("client", text("nope")),
            ("win_probability", text("1000")),
            ("priority", text("tv")),
            ("title", text("")),
            ("unique_id", text("taken-id")),
            ("description", .array([])),
            ("expected_close_date", text("2025-02-30")),
            ("estimated_value", text("abc")),
            ("qualification_notes", .bool(true)),
        ])

        let result = errors(body, mode: .fullUpdate)

        let expectedOrder = [
            "unique_id", "title", "description", "qualification_notes", "priority",
            "lead_source", "estimated_value", "win_probability", "sales_stage", "client",
            "expected_close_date", "follow_up_date",
        ]
        #expect(result?.entries.map(\.field) == expectedOrder)
        #expect(result?.messages(for: "lead_source") == ["This field is required."])
        #expect(result?.messages(for: "title") == ["This field may not be blank."])
    }

    @Test("asks storage only about values that could be stored")
    func asksStorageOnlyForCandidates() {
        let asked = QuestionLog()
        let storage = ReferenceLookup(
            salesStageExists: { asked.record("stage:" + $0) },
            clientExists: { asked.record("client:" + $0) },
            uniqueIDTaken: { asked.record("unique:" + $0) }
        )
        let body = jsonBody([
            ("unique_id", text("  id-1 ")), ("sales_stage", text("")), ("client", text("c")),
        ])

        _ = LeadValidator.validate(body, mode: .partialUpdate, lookup: storage)

        #expect(asked.questions == ["unique:id-1", "client:c"])
    }

    @Test("renders errors as DRF's response body")
    func rendersErrors() {
        var errors = FieldErrors()
        errors.add("title", "This field is required.")
        errors.add("unique_id", "First.")
        errors.add("title", "Second.")

        let expected: JSONValue = .object(
            JSONObject([
                ("title", .array([.string("This field is required."), .string("Second.")])),
                ("unique_id", .array([.string("First.")])),
            ])
        )
        #expect(errors.jsonValue == expected)
        #expect(!errors.isEmpty && FieldErrors().isEmpty)
    }
}
