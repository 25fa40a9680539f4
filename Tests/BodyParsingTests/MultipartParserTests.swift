import BodyParsing
import Testing

@Suite("Multipart bodies are read into fields and files")
struct MultipartParserTests {
    private let boundary = "----form7MA4YWxkTrZu0gW"

    @Test func fieldsAndFiles() throws {
        let body = [
            "preamble to ignore",
            "--\(boundary)",
            #"Content-Disposition: form-data; name="name""#,
            "",
            "Acme Pty",
            "--\(boundary)",
            #"content-disposition: form-data; name="notes""#,
            "Content-Type: text/plain; charset=utf-8",
            "",
            "line one\r\nline two\r\n-- not a boundary",
            "--\(boundary)",
            #"Content-Disposition: form-data; name="logo"; filename="logo.png""#,
            "Content-Type: image/png",
            "",
            "\u{1}PNG",
            "--\(boundary)--",
            "epilogue to ignore",
        ].joined(separator: "\r\n")
        let form = try MultipartParser.parse(Array(body.utf8), boundary: boundary)

        #expect(form.fields.map(\.name) == ["name", "notes"])
        #expect(form.last("name") == "Acme Pty")
        #expect(form.last("notes") == "line one\r\nline two\r\n-- not a boundary")
        #expect(
            form.files == [
                MultipartFile(
                    fieldName: "logo",
                    fileName: "logo.png",
                    contentType: "image/png",
                    content: [0x01] + Array("PNG".utf8)
                )
            ]
        )
    }

    @Test func quotedNamesWithEscapesAndSemicolons() throws {
        let body = part(disposition: #"form-data; name="a \"b\"; c\\d""#, value: "1") + closing
        let form = try MultipartParser.parse(Array(body.utf8), boundary: boundary)

        #expect(form.last(#"a "b"; c\d"#) == "1")
    }

    @Test func emptyFileNameMakesAFieldAsInDjango() throws {
        let body =
            part(disposition: #"form-data; name="upload"; filename="""#, value: "") + closing
        let form = try MultipartParser.parse(Array(body.utf8), boundary: boundary)

        #expect(form.files.isEmpty)
        #expect(form.last("upload") == "")
    }

    @Test func extendedFileNameIsDecoded() throws {
        let disposition = "form-data; name=\"f\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt"
        let body = part(disposition: disposition, value: "x") + closing
        let form = try MultipartParser.parse(Array(body.utf8), boundary: boundary)

        #expect(form.files.first?.fileName == "résumé.txt")
    }

    @Test func valuesAreUTF8WithReplacement() throws {
        let body =
            Array(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"v\"\r\n\r\nok ").utf8
            ) + [0xFF] + Array(" é\r\n\(closing)".utf8)
        let form = try MultipartParser.parse(body, boundary: boundary)

        #expect(form.last("v") == "ok \u{FFFD} é")
    }

    @Test func partWithoutBlankLineBeforeDelimiterIsAnEmptyValue() throws {
        let body =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\(closing)"
        let unterminated =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\(closing)"
        let form = try MultipartParser.parse(Array(body.utf8), boundary: boundary)

        #expect(form.last("a") == "")
        #expect(
            throws: FormParseError(
                message: "Multipart part headers are not followed by a blank line"
            )
        ) { try MultipartParser.parse(Array(unterminated.utf8), boundary: boundary) }
    }

    @Test func emptyBodyHasNoFields() throws {
        #expect(try MultipartParser.parse([], boundary: boundary) == FormData())
    }

    @Test func missingClosingBoundaryIsAnError() {
        let body = part(disposition: #"form-data; name="a""#, value: "1")

        #expect(throws: FormParseError(message: "Multipart body ends without its closing boundary"))
        {
            try MultipartParser.parse(Array(body.utf8), boundary: boundary)
        }
    }

    @Test func wrongBoundaryIsAnError() {
        let body = part(disposition: #"form-data; name="a""#, value: "1") + closing

        #expect(throws: FormParseError(message: "Multipart body does not contain its boundary")) {
            try MultipartParser.parse(Array(body.utf8), boundary: "other")
        }
    }

    @Test func lineFeedOnlyBodiesAreRefused() {
        let body = "--\(boundary)\nContent-Disposition: form-data; name=\"a\"\n\n1\n--\(boundary)--"

        #expect(throws: FormParseError.self) {
            try MultipartParser.parse(Array(body.utf8), boundary: boundary)
        }
    }

    @Test func partsWithoutHeadersDispositionOrNameAreErrors() {
        let noHeaders = "--\(boundary)\r\n\r\nvalue\r\n" + closing
        let noDisposition = "--\(boundary)\r\nContent-Type: text/plain\r\n\r\nv\r\n" + closing
        let noName = part(disposition: #"form-data; filename="a.txt""#, value: "v") + closing
        let badHeader = "--\(boundary)\r\nnot a header\r\n\r\nv\r\n" + closing

        #expect(throws: FormParseError(message: "Multipart part has no headers")) {
            try MultipartParser.parse(Array(noHeaders.utf8), boundary: boundary)
        }
        #expect(throws: FormParseError(message: "Multipart part has no Content-Disposition header"))
        {
            try MultipartParser.parse(Array(noDisposition.utf8), boundary: boundary)
        }
        #expect(
            throws: FormParseError(message: "Multipart part has no name in its Content-Disposition")
        ) {
            try MultipartParser.parse(Array(noName.utf8), boundary: boundary)
        }
        #expect(throws: FormParseError(message: "Multipart part has a malformed header line")) {
            try MultipartParser.parse(Array(badHeader.utf8), boundary: boundary)
        }
    }

    @Test func boundariesAreCheckedWithDjangosRule() throws {
        #expect(throws: FormParseError(message: "Invalid boundary in multipart: ")) {
            try MultipartParser.parse([], boundary: "")
        }
        #expect(throws: FormParseError(message: "Invalid boundary in multipart:    ")) {
            try MultipartParser.parse([], boundary: "   ")
        }
        #expect(throws: FormParseError.self) {
            try MultipartParser.parse([], boundary: "\u{1}abc")
        }
        #expect(throws: Never.self) {
            try MultipartParser.parse([], boundary: " a b")
        }
    }

    @Test func contentTypeOverloadReportsAMissingBoundaryLikeDRF() throws {
        let withoutBoundary = try #require(MediaType.parse("multipart/form-data"))
        let wrongType = try #require(MediaType.parse("text/plain; boundary=x"))
        let good = try #require(MediaType.parse("multipart/form-data; boundary=\"\(boundary)\""))
        let body = part(disposition: #"form-data; name="a""#, value: "1") + closing

        #expect(throws: FormParseError(message: "Invalid boundary in multipart: None")) {
            try MultipartParser.parse([], contentType: withoutBoundary)
        }
        #expect(throws: FormParseError(message: "Invalid Content-Type: text/plain; boundary=x")) {
            try MultipartParser.parse([], contentType: wrongType)
        }
        #expect(try MultipartParser.parse(Array(body.utf8), contentType: good).last("a") == "1")
    }

    @Test func fieldLimitMatchesDjango() throws {
        let field = part(disposition: #"form-data; name="a""#, value: "1")
        let atLimit = String(repeating: field, count: 1000) + closing
        let overLimit = String(repeating: field, count: 1001) + closing

        #expect(
            try MultipartParser.parse(Array(atLimit.utf8), boundary: boundary).fields.count == 1000
        )
        #expect(
            throws: FormParseError(
                message:
                    "The number of GET/POST parameters exceeded "
                    + "settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
            )
        ) { try MultipartParser.parse(Array(overLimit.utf8), boundary: boundary) }
    }

    private var closing: String { "--\(boundary)--\r\n" }

    private func part(disposition: String, value: String) -> String {
        "--\(boundary)\r\nContent-Disposition: \(disposition)\r\n\r\n\(value)\r\n"
    }
}
