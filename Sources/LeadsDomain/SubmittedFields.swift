import BodyParsing

/// The fields of a submitted object, read the way DRF's `Field.get_value` reads them, so
/// that JSON and HTML form bodies get DRF's different treatment of empty values.
struct SubmittedFields {
    /// How a field declares its empty values, which decides what an empty form value
    /// means.
    struct EmptyRules {
        /// Whether the field must be present on create and full update.
        var isRequired: Bool
        /// Whether `null` is a valid value.
        var allowsNull: Bool
        /// Whether `""` is a valid value.
        var allowsBlank: Bool
    }

    private enum Source {
        case json(JSONObject)
        case form([String: String])
    }

    private let source: Source

    /// Reads a JSON object.
    init(object: JSONObject) {
        source = .json(object)
    }

    /// Reads form fields; the last value of a repeated name wins, as `QueryDict` does.
    init(form pairs: [(name: String, value: String)]) {
        var lastValues: [String: String] = [:]
        for pair in pairs { lastValues[pair.name] = pair.value }
        source = .form(lastValues)
    }

    /// The value to validate, or nil when the field counts as not submitted.
    ///
    /// A form cannot send `null`, so DRF reads an empty form value as `null` when the
    /// field allows it and not `""`, as not submitted when the field is optional, and as
    /// `""` otherwise. A JSON value is taken as sent.
    func value(of name: String, rules: EmptyRules) -> JSONValue? {
        switch source {
        case .json(let object):
            return object[name]
        case .form(let values):
            guard let text = values[name] else { return nil }
            guard text.isEmpty else { return .string(text) }
            if rules.allowsNull { return rules.allowsBlank ? .string("") : .null }
            if !rules.isRequired { return rules.allowsBlank ? .string("") : nil }
            return .string("")
        }
    }
}
