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
        case form([String: FormValue])
    }

    /// The value a form gives a name: text, or an uploaded file known by its name.
    private enum FormValue {
        case text(String)
        case file(name: String)
    }

    private let source: Source

    /// Reads a JSON object.
    init(object: JSONObject) {
        source = .json(object)
    }

    /// Reads form fields, then files; the last value of a repeated name wins, as
    /// `QueryDict` does.
    init(form pairs: [(name: String, value: String)], files: [SubmittedFile] = []) {
        var lastValues: [String: FormValue] = [:]
        for pair in pairs { lastValues[pair.name] = .text(pair.value) }
        for file in files { lastValues[file.fieldName] = .file(name: file.fileName) }
        source = .form(lastValues)
    }

    /// Whether the value under `name` is an uploaded file, which DRF's text and date
    /// fields refuse whatever its name.
    func isFile(_ name: String) -> Bool {
        guard case .form(let values) = source, case .file = values[name] else { return false }
        return true
    }

    /// The value to validate, or nil when the field counts as not submitted.
    ///
    /// A form cannot send `null`, so DRF reads an empty form value as `null` when the
    /// field allows it and not `""`, as not submitted when the field is optional, and as
    /// `""` otherwise. A JSON value is taken as sent, and a file as the text of its name.
    func value(of name: String, rules: EmptyRules) -> JSONValue? {
        switch source {
        case .json(let object):
            return object[name]
        case .form(let values):
            let text: String
            switch values[name] {
            case nil: return nil
            // Fields that read Python's `str()` of a value see a file's name.
            case .file(let fileName): return .string(fileName)
            case .text(let written): text = written
            }
            guard text.isEmpty else { return .string(text) }
            if rules.allowsNull { return rules.allowsBlank ? .string("") : .null }
            if !rules.isRequired { return rules.allowsBlank ? .string("") : nil }
            return .string("")
        }
    }
}
