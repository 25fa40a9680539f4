import BodyParsing
import LeadsAPI
import TestSupport
import Testing

/// The admin token every admin test configures.
let adminTestToken = "test-token"

extension APITestServer {
    /// Starts a server whose admin API takes `adminTestToken`; `configure` may change any
    /// other setting.
    static func withAdmin(
        fixtures: String = TestFixtures.standard,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws -> APITestServer {
        try APITestServer(fixtures: fixtures) { configuration in
            configuration.adminToken = adminTestToken
            configure(&configuration)
        }
    }

    /// Calls the admin API with a bearer token (the test token unless given; none when
    /// nil), sending `body` as JSON when there is one.
    func admin(
        _ method: String,
        _ path: String,
        body: String? = nil,
        token: String? = adminTestToken
    ) throws -> ClientResponse {
        var headers: [(String, String)] = []
        if let token {
            headers.append(("Authorization", "Bearer " + token))
        }
        if body != nil {
            headers.append(("Content-Type", "application/json"))
        }
        return try request(method, path, headers: headers, body: body ?? "")
    }

    /// The full text of org-a's lead list as alice sees it, for comparing whole states.
    func leadListText(_ organisation: String = "org-a", as person: String = "alice") throws
        -> String
    {
        let response = try request("GET", leadsPath(organisation), as: person)
        #expect(response.status == 200)
        return response.text
    }
}

extension JSONValue {
    /// The member `key` of an object, or nil for anything else.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The text of a string.
    var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The elements of an array.
    var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// A number as a `Double`.
    var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// A number as an `Int`, when it is written as a whole number.
    var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }

    /// The keys of an object, in order.
    var keys: [String] {
        guard case .object(let object) = self else { return [] }
        return object.keys
    }
}

/// The comma-separated values of every field `name` of a response, trimmed and lower-cased,
/// for headers such as `Vary` and `Access-Control-Allow-Headers`.
func listedValues(_ response: ClientResponse, _ name: String) -> [String] {
    response.headerValues(name).flatMap { $0.split(separator: ",") }.map { value in
        String(value.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
    }
}

/// The response's header fields whose names start with `Access-Control-`.
func corsHeaders(_ response: ClientResponse) -> [(String, String)] {
    response.headers.filter { $0.0.lowercased().hasPrefix("access-control-") }
}

/// The JSON text of a document that creates `count` leads in org-a, numbered from
/// `first`, for tests that need many rows quickly.
func bulkLeadsDocument(count: Int, first: Int = 1) -> String {
    let leads = (first..<(first + count)).map { number in
        "{\"organisation\": \"org-a\", \"created_by\": \"person-alice\", "
            + "\"unique_id\": \"bulk-\(number)\", \"title\": \"Bulk lead \(number)\", "
            + "\"lead_source\": \"website\", \"sales_stage\": \"stage-new\", "
            + "\"estimated_value\": \"\(number).00\", \"win_probability\": \"10\", "
            + "\"date_created\": \"2026-10-01T09:00:00Z\"}"
    }
    return "{\"leads\": [" + leads.joined(separator: ",\n") + "]}"
}
