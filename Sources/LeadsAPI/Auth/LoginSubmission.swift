import BodyParsing
import Foundation
import HTTPServer

/// What a login request submitted, read as Django's `AuthenticationForm` reads it: the
/// fields of a POST form (or, for single-page apps, of a JSON object), with the username
/// trimmed and NFKC-normalised and both fields required.
struct LoginSubmission {
    /// How the body was encoded, which decides how answers are rendered.
    enum Encoding {
        /// An HTML form, or no readable body: answers are pages and redirects.
        case form
        /// A JSON object: answers are JSON.
        case json
    }

    /// Django's message for an empty required field.
    static let requiredMessage = "This field is required."
    /// DRF's message for a JSON value that is not text.
    static let notTextMessage = "Not a valid string."
    /// Longest username Django's form accepts.
    static let usernameLimit = 150

    /// The body's encoding.
    var encoding: Encoding
    /// The `csrfmiddlewaretoken` form field; never read from JSON, as Django's
    /// `request.POST` is empty for JSON bodies.
    var csrfToken: String?
    /// The `next` form field.
    var next: String?
    /// The username as typed, shown again when the form is re-rendered.
    var rawUsername: String = ""
    /// The cleaned username, when it passed validation.
    var username: String?
    /// The password, when one was given.
    var password: String?
    /// Problems per field, in Django's words.
    var fieldErrors: [String: [String]] = [:]

    /// Whether the JSON encoding applies to `request`.
    static func isJSON(_ request: HTTPRequest) -> Bool {
        MediaType.parse(request.headers["Content-Type"] ?? "")?.essence == "application/json"
    }

    /// Reads and validates the submission. Only POST bodies are read, as in Django; a body
    /// that cannot be parsed throws `APIError.malformedBody`.
    static func read(_ request: HTTPRequest) throws(APIError) -> LoginSubmission {
        if request.method == .post && isJSON(request) {
            // An empty body is an empty object, as DRF reads a request without content.
            guard !request.body.isEmpty else { return try readJSON(.object(JSONObject())) }
            return try readJSON(BodyDecoder.decodeJSON(request.body))
        }
        return LoginSubmission(encoding: .form, fields: try CSRFProtection.postedFields(request))
    }

    /// A form submission; the last value of a repeated field wins, as in `QueryDict`.
    private init(encoding: Encoding, fields: [(name: String, value: String)]) {
        self.encoding = encoding
        let last = { (name: String) in fields.last { $0.name == name }?.value }
        csrfToken = last(CSRFProtection.formField)
        next = last("next")
        validate(username: last("username"), password: last("password"))
    }

    /// A JSON submission: an object with `username` and `password`; numbers count as
    /// their text, as DRF's `CharField` takes them, and other non-text values are refused.
    private static func readJSON(_ value: JSONValue) throws(APIError) -> LoginSubmission {
        guard case .object(let object) = value else {
            throw .malformedBody(
                "Invalid data. Expected a dictionary, but got \(pythonTypeName(value))."
            )
        }

        var fields: [(name: String, value: String)] = []
        var typeErrors: [String] = []
        for name in ["username", "password"] {
            switch object[name] {
            case .string(let text), .number(let text):
                fields.append((name, text))
            case .bool, .array, .object:
                typeErrors.append(name)
            case .null, .none:
                continue
            }
        }

        var submission = LoginSubmission(encoding: .json, fields: fields)
        for name in typeErrors {
            submission.fieldErrors[name] = [notTextMessage]
        }
        return submission
    }

    /// The name Python gives the type of a parsed JSON value, for DRF's message.
    private static func pythonTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "NoneType"
        case .bool: "bool"
        case .number(let text): text.contains(where: { ".eE".contains($0) }) ? "float" : "int"
        case .string: "str"
        case .array: "list"
        case .object: "dict"
        }
    }

    /// Applies the form's rules: the username is trimmed, normalised with NFKC, required
    /// and at most 150 characters; the password is required and kept exactly as typed.
    private mutating func validate(username typedUsername: String?, password typed: String?) {
        rawUsername = typedUsername ?? ""
        fieldErrors = [:]

        let cleaned = rawUsername.trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCompatibilityMapping
        let length = cleaned.unicodeScalars.count
        if cleaned.isEmpty {
            fieldErrors["username"] = [Self.requiredMessage]
        } else if length > Self.usernameLimit {
            fieldErrors["username"] = [
                "Ensure this value has at most \(Self.usernameLimit) characters "
                    + "(it has \(length))."
            ]
        } else {
            username = cleaned
        }

        if let typed, !typed.isEmpty {
            password = typed
        } else {
            fieldErrors["password"] = [Self.requiredMessage]
        }
    }
}
