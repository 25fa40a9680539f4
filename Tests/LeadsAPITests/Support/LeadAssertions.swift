import BodyParsing
import Credentials
import Foundation
import TestSupport
import Testing

/// The `Authorization` header of HTTP Basic for a test person, whose password is always
/// `<username>-pass` in the standard fixtures.
func basicAuthorization(_ username: String) -> (String, String) {
    let credentials = Array("\(username):\(username)-pass".utf8)
    return ("Authorization", "Basic " + Base64.encode(credentials))
}

/// Sends one request to a server on `port`, authenticated as `username` unless nil; for
/// servers the tests start themselves, such as a restarted application.
func send(
    to port: Int,
    _ method: String,
    _ path: String,
    as username: String?,
    headers: [(String, String)] = [],
    body: String = ""
) throws -> ClientResponse {
    let client = try RawHTTPClient(port: port)
    defer { client.close() }

    let authorization = username.map { [basicAuthorization($0)] } ?? []
    return try client.request(
        method: method,
        path: path,
        headers: authorization + headers,
        body: Array(body.utf8)
    )
}

extension APITestServer {
    /// Sends `fields` as `application/x-www-form-urlencoded`, authenticated as `username`.
    func form(
        _ method: String,
        _ path: String,
        as username: String,
        fields: [(String, String)]
    ) throws -> ClientResponse {
        let body = fields.map { formEncoded($0.0) + "=" + formEncoded($0.1) }
            .joined(separator: "&")
        return try request(
            method,
            path,
            as: username,
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: body
        )
    }

    /// Sends `fields` as `multipart/form-data`, authenticated as `username`.
    func multipart(
        _ method: String,
        _ path: String,
        as username: String,
        fields: [(String, String)]
    ) throws -> ClientResponse {
        let boundary = "leads-test-boundary-7d1f"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\n"
            body += "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n"
            body += value + "\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try request(
            method,
            path,
            as: username,
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")],
            body: body
        )
    }
}

/// Percent-encodes everything but unreserved characters, with `+` for spaces, as browsers
/// encode form fields.
func formEncoded(_ text: String) -> String {
    var encoded = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            encoded.append(Character(Unicode.Scalar(byte)))
        case UInt8(ascii: " "):
            encoded += "+"
        default:
            let hex = Array("0123456789ABCDEF")
            encoded += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
        }
    }
    return encoded
}

/// Checks status, exact body text and the JSON content type of an API answer.
func expectJSON(
    _ response: ClientResponse,
    _ status: Int,
    _ body: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.text == body, sourceLocation: sourceLocation)
    #expect(
        response.header("Content-Type") == "application/json",
        sourceLocation: sourceLocation
    )
}

/// Checks the `Allow` and `Vary` headers DRF puts on every API answer. Requests with HTTP
/// Basic never touch the session, so only `Accept` varies, plus the `Origin` the
/// cross-origin middleware adds to every answer.
func expectAPIHeaders(
    _ response: ClientResponse,
    allow: String,
    vary: String = "Accept, Origin",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.headerValues("Allow") == [allow], sourceLocation: sourceLocation)
    #expect(response.headerValues("Vary") == [vary], sourceLocation: sourceLocation)
}

/// The `Allow` values of the five URLs.
enum Allowed {
    static let list = "GET, HEAD, OPTIONS"
    static let create = "POST, OPTIONS"
    static let detail = "GET, HEAD, OPTIONS"
    static let update = "PUT, PATCH, OPTIONS"
    static let delete = "DELETE, OPTIONS"
}

/// The body text with the value of every `"date_created"` and `"last_updated"` replaced by
/// `<date_created>` and `<last_updated>`, after checking each is a DRF UTC timestamp, so
/// bodies of freshly written leads compare as whole texts.
func maskingTimestamps(
    _ text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    var masked = text
    for key in ["date_created", "last_updated"] {
        let result = masking(key, in: masked)
        for value in result.values {
            #expect(
                isDRFTimestamp(value),
                "\(key) \(value)",
                sourceLocation: sourceLocation
            )
        }
        masked = result.text
    }
    return masked
}

/// The body text with the value of `"unique_id"` at the top level of a lead replaced by
/// `<unique_id>`, after checking it is 32 lowercase hexadecimal digits as the server
/// generates them. Only the first occurrence is the lead's own; later ones are people's.
func maskingGeneratedUniqueID(
    _ text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    let prefix = "{\"unique_id\":\""
    guard text.hasPrefix(prefix),
        let end = text.dropFirst(prefix.count).firstIndex(of: "\"")
    else {
        Issue.record("no unique_id first in \(text)", sourceLocation: sourceLocation)
        return text
    }
    let value = text[text.index(text.startIndex, offsetBy: prefix.count)..<end]
    #expect(
        value.count == 32 && value.allSatisfy { "0123456789abcdef".contains($0) },
        "generated unique_id \(value)",
        sourceLocation: sourceLocation
    )
    return prefix + "<unique_id>" + text[end...]
}

/// Replaces the string value of every `"key":"..."` pair, returning the values found.
func masking(_ key: String, in text: String) -> (text: String, values: [String]) {
    let marker = "\"\(key)\":\""
    var output = ""
    var values: [String] = []
    var rest = Substring(text)
    while let range = rest.range(of: marker) {
        output += rest[..<range.upperBound]
        let valueEnd = rest[range.upperBound...].firstIndex(of: "\"") ?? rest.endIndex
        values.append(String(rest[range.upperBound..<valueEnd]))
        output += "<\(key)>"
        rest = rest[valueEnd...]
    }
    output += rest
    return (output, values)
}

/// Whether `text` is a date-time as DRF renders it in UTC: `2026-01-31T09:00:00Z`, with six
/// fraction digits only when the microseconds are not zero.
func isDRFTimestamp(_ text: String) -> Bool {
    let characters = Array(text)
    let shape = characters.count == 27 ? "dddd-dd-ddTdd:dd:dd.ddddddZ" : "dddd-dd-ddTdd:dd:ddZ"
    guard characters.count == shape.count else { return false }

    return zip(characters, shape).allSatisfy { character, expected in
        expected == "d" ? character.isASCII && character.isNumber : character == expected
    }
}

/// Parses a body as JSON.
func parsedBody(_ response: ClientResponse) throws -> JSONValue {
    try JSONParser.parse(response.body)
}

/// The `unique_id` of each lead of a list answer, in order.
func listedUniqueIDs(_ response: ClientResponse) throws -> [String] {
    guard case .array(let leads) = try parsedBody(response) else { return [] }
    return leads.compactMap { lead in
        guard case .object(let object) = lead, case .string(let id)? = object["unique_id"]
        else { return nil }
        return id
    }
}

/// One string field of a lead answer.
func stringField(_ key: String, of response: ClientResponse) throws -> String? {
    guard case .object(let object) = try parsedBody(response),
        case .string(let value)? = object[key]
    else { return nil }
    return value
}

/// The exact JSON text the API renders for one lead, with every field written out in the
/// contract's order, so a test states each value it expects. Placeholders stand for values
/// the server chooses (see `maskingTimestamps` and `maskingGeneratedUniqueID`).
struct ExpectedLead {
    var uniqueID = "<unique_id>"
    var title: String
    var description: String?
    var qualificationNotes: String?
    var priority = "medium"
    var leadSource: String
    var estimatedValue: String?
    var winProbability: String?
    var weightedValue: String?
    var salesStage: String?
    var client: String?
    var expectedCloseDate: String?
    var followUpDate: String?
    var creator = Person.alice
    var isClosed = false
    var dateCreated = "<date_created>"
    var lastUpdated = "<last_updated>"

    /// The `{unique_id, full_name}` of a fixture person.
    struct Person {
        var uniqueID: String
        var fullName: String

        static let alice = Person(uniqueID: "person-alice", fullName: "Alice Anders")
        static let bob = Person(uniqueID: "person-bob", fullName: "Bob Botha")
        static let dave = Person(uniqueID: "person-dave", fullName: "Dave Dlamini")
    }

    /// The compact JSON text.
    var text: String {
        let person =
            "{\"unique_id\":\(quoted(creator.uniqueID)),"
            + "\"full_name\":\(quoted(creator.fullName))}"
        let pairs: [(String, String)] = [
            ("unique_id", quoted(uniqueID)),
            ("title", quoted(title)),
            ("description", quoted(description)),
            ("qualification_notes", quoted(qualificationNotes)),
            ("priority", quoted(priority)),
            ("lead_source", quoted(leadSource)),
            ("estimated_value", quoted(estimatedValue)),
            ("win_probability", quoted(winProbability)),
            ("weighted_value", quoted(weightedValue)),
            ("sales_stage", quoted(salesStage)),
            ("client", quoted(client)),
            ("expected_close_date", quoted(expectedCloseDate)),
            ("follow_up_date", quoted(followUpDate)),
            ("created_by", person),
            ("assigned_to", person),
            ("is_closed", isClosed ? "true" : "false"),
            ("date_created", quoted(dateCreated)),
            ("last_updated", quoted(lastUpdated)),
        ]
        return "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    private func quoted(_ value: String?) -> String {
        guard let value else { return "null" }
        var escaped = ""
        for character in value {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }

    /// The standard fixtures' leads as stored, before any test changes them.
    static let lead1 = ExpectedLead(
        uniqueID: "lead-1",
        title: "Website redesign",
        leadSource: "website",
        estimatedValue: "1000.00",
        winProbability: "50.00",
        weightedValue: "500.00",
        salesStage: "stage-new",
        dateCreated: "2026-11-01T09:00:00Z",
        lastUpdated: "2026-11-01T09:00:00Z"
    )
    static let lead2 = ExpectedLead(
        uniqueID: "lead-2",
        title: "Cloud MIGRATION",
        leadSource: "referral",
        estimatedValue: "2500.50",
        winProbability: "100.00",
        weightedValue: "2500.50",
        salesStage: "stage-won",
        client: "client-acme",
        isClosed: true,
        dateCreated: "2026-11-02T09:00:00Z",
        lastUpdated: "2026-11-02T09:00:00Z"
    )
    static let lead3 = ExpectedLead(
        uniqueID: "lead-3",
        title: "Payroll integration",
        leadSource: "website",
        winProbability: "0.00",
        salesStage: "stage-new",
        creator: .dave,
        isClosed: true,
        dateCreated: "2026-11-03T09:00:00Z",
        lastUpdated: "2026-11-03T09:00:00Z"
    )
    static let leadB1 = ExpectedLead(
        uniqueID: "lead-b1",
        title: "Beta secret deal",
        leadSource: "partner",
        salesStage: "stage-b",
        creator: .bob,
        dateCreated: "2026-11-01T10:00:00Z",
        lastUpdated: "2026-11-01T10:00:00Z"
    )
}

/// A JSON array of lead texts, as the list answers.
func leadArray(_ leads: [ExpectedLead]) -> String {
    "[" + leads.map(\.text).joined(separator: ",") + "]"
}
