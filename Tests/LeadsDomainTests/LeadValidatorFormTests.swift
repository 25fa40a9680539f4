import LeadsDomain
import Testing

/// HTML form bodies get DRF's form rules: an empty value means `null`, "not sent" or `""`
/// depending on the field. Expectations come from DRF 3.18 with a `QueryDict`.
@Suite("LeadValidator with form bodies")
struct LeadValidatorFormTests {
    let required: [(name: String, value: String)] = [
        ("title", "Deal"), ("lead_source", "website"), ("sales_stage", "stage-1"),
    ]

    @Test("creates a lead from form text")
    func createsFromForm() throws {
        let body = SubmittedBody.form(
            required + [
                ("priority", "critical"), ("estimated_value", "1000.1"),
                ("win_probability", "12.5"), ("expected_close_date", "2026-02-28"),
                ("follow_up_date", "2026-02-01 09:30"), ("client", "7"),
            ]
        )

        let result = try #require(changes(body))

        #expect(result.priority == .set(.critical))
        #expect(result.estimatedValue.newValue??.storageText == "1000.10")
        #expect(result.winProbability.newValue??.storageText == "12.50")
        #expect(result.expectedCloseDate.newValue??.isoText == "2026-02-28")
        #expect(result.followUpDate.newValue??.isoText == "2026-02-01T09:30:00Z")
        #expect(result.client == .set("7"))
    }

    @Test("reads empty values as null, blank or not sent, as each field declares")
    func readsEmptyValues() throws {
        let body = SubmittedBody.form([
            ("title", "Deal"), ("lead_source", "website"), ("sales_stage", ""),
            ("priority", ""), ("estimated_value", ""), ("win_probability", ""),
            ("description", ""), ("qualification_notes", ""), ("unique_id", ""),
            ("expected_close_date", ""), ("follow_up_date", ""), ("client", ""),
        ])

        let result = try #require(changes(body, mode: .fullUpdate))

        var expected = LeadChanges()
        expected.uniqueID = .set(nil)
        expected.title = .set("Deal")
        expected.description = .set("")
        expected.qualificationNotes = .set("")
        expected.leadSource = .set(.website)
        expected.estimatedValue = .set(nil)
        expected.winProbability = .set(nil)
        expected.salesStage = .set(nil)
        expected.client = .set(nil)
        expected.expectedCloseDate = .set(nil)
        expected.followUpDate = .set(nil)
        #expect(result == expected)
    }

    @Test("reads an uploaded file as its name where DRF reads str(), and refuses it as text")
    func readsUploadedFiles() throws {
        let files = [
            SubmittedFile(fieldName: "title", fileName: "  "),
            SubmittedFile(fieldName: "description", fileName: " "),
            SubmittedFile(fieldName: "unique_id", fileName: "id.txt"),
            SubmittedFile(fieldName: "priority", fileName: "critical"),
            SubmittedFile(fieldName: "win_probability", fileName: "12.5"),
            SubmittedFile(fieldName: "client", fileName: "7"),
        ]
        let body = SubmittedBody.form([("unique_id", "text-id")], files: files)

        let expected = fieldErrors(
            ("unique_id", ["Not a valid string."]),
            ("title", ["This field may not be blank."])
        )
        #expect(errors(body, mode: .partialUpdate) == expected)

        let accepted = SubmittedBody.form(
            [],
            files: Array(files[1...]).filter {
                $0.fieldName != "unique_id"
            }
        )
        let result = try #require(changes(accepted, mode: .partialUpdate))
        #expect(result.description == .set(""))
        #expect(result.priority == .set(.critical))
        #expect(result.winProbability.newValue??.storageText == "12.50")
        #expect(result.client == .set("7"))
    }

    @Test("keeps Django's sanitized file names and drops parts without one")
    func sanitizesFileNames() {
        #expect(SubmittedFile.sanitizedFileName("../a/b\\c.txt") == "c.txt")
        #expect(SubmittedFile.sanitizedFileName("x\u{0}y\u{7}z") == "xyz")
        for unusable in ["/", "a/", "..", "dir\\.", "\u{1}"] {
            #expect(SubmittedFile.sanitizedFileName(unusable) == nil, "\(unusable)")
        }
    }

    @Test("refuses an empty title and lead source even in a partial update")
    func refusesEmptyRequiredText() {
        let body = SubmittedBody.form([
            ("title", ""), ("lead_source", ""), ("win_probability", "abc"),
        ])

        let expected = fieldErrors(
            ("title", ["This field may not be blank."]),
            ("lead_source", ["\"\" is not a valid choice."]),
            ("win_probability", ["A valid number is required."])
        )
        #expect(errors(body, mode: .partialUpdate) == expected)
    }

    @Test("requires the same fields as JSON, and an empty partial update is valid")
    func requiresFields() throws {
        let expected = fieldErrors(
            ("title", ["This field is required."]),
            ("lead_source", ["This field is required."]),
            ("sales_stage", ["This field is required."])
        )

        #expect(errors(.form([]), mode: .create) == expected)
        #expect(errors(.form([]), mode: .fullUpdate) == expected)
        #expect(try #require(changes(.form([]), mode: .partialUpdate)) == LeadChanges())
    }

    @Test("takes the last of repeated fields")
    func lastValueWins() throws {
        let body = SubmittedBody.form([
            ("title", "First"), ("title", "Second"), ("win_probability", "50"),
            ("win_probability", ""), ("sales_stage", "nope"), ("sales_stage", "stage-2"),
        ])

        let result = try #require(changes(body, mode: .partialUpdate))

        #expect(result.title == .set("Second"))
        #expect(result.winProbability == .set(nil))
        #expect(result.salesStage == .set("stage-2"))
    }

    @Test("treats form text like JSON strings once it is not empty")
    func validatesFormText() {
        let body = SubmittedBody.form([
            ("unique_id", "taken-id"), ("title", "   "), ("priority", "urgent"),
            ("estimated_value", "1e3x"), ("client", " "), ("follow_up_date", "iso-8601x"),
            ("ignored", "anything"), ("weighted_value", "5"),
        ])

        let expected = fieldErrors(
            ("unique_id", ["lead with this unique id already exists."]),
            ("title", ["This field may not be blank."]),
            ("priority", ["\"urgent\" is not a valid choice."]),
            ("estimated_value", ["A valid number is required."]),
            ("client", ["Object with unique_id=  does not exist."]),
            (
                "follow_up_date",
                [
                    "Datetime has wrong format. Use one of these formats instead: "
                        + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
                ]
            )
        )
        #expect(errors(body, mode: .partialUpdate) == expected)
    }
}
