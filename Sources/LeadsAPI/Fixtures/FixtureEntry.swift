import BodyParsing

/// One object of a fixtures list with the accessors that turn a missing or mistyped
/// field into a `FixturesError` naming the entry and the field.
struct FixtureEntry {
    /// Where the entry sits, such as `people[1]`.
    let location: String
    /// The entry's fields.
    let object: JSONObject

    /// Reads the entries of the list under `key` of the document.
    static func list(_ key: String, in document: JSONObject) throws(FixturesError)
        -> [FixtureEntry]
    {
        guard let value = document[key] else { return [] }
        guard case .array(let elements) = value else {
            throw FixturesError("\"\(key)\" must be a list of objects")
        }

        var entries: [FixtureEntry] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let object) = element else {
                throw FixturesError("\(key)[\(index)] must be an object")
            }
            entries.append(FixtureEntry(location: "\(key)[\(index)]", object: object))
        }
        return entries
    }

    /// A label for messages: the location and, when present, the entry's unique_id.
    var label: String {
        if case .string(let uniqueID) = object["unique_id"] {
            return "\(location) (\"\(uniqueID)\")"
        }
        return location
    }

    /// A required, non-empty text field.
    func text(_ field: String) throws(FixturesError) -> String {
        guard let value = try optionalText(field), !value.isEmpty else {
            throw FixturesError("\(label): \"\(field)\" is required and must not be empty")
        }
        return value
    }

    /// An optional text field; null counts as absent.
    func optionalText(_ field: String) throws(FixturesError) -> String? {
        switch object[field] {
        case nil, .null: return nil
        case .string(let value): return value
        default: throw FixturesError("\(label): \"\(field)\" must be a string")
        }
    }

    /// An optional list of strings.
    func textList(_ field: String) throws(FixturesError) -> [String] {
        switch object[field] {
        case nil, .null: return []
        case .array(let values):
            var texts: [String] = []
            for value in values {
                guard case .string(let text) = value else {
                    throw FixturesError("\(label): \"\(field)\" must be a list of strings")
                }
                texts.append(text)
            }
            return texts
        default: throw FixturesError("\(label): \"\(field)\" must be a list of strings")
        }
    }

    /// An optional whole number.
    func optionalInteger(_ field: String) throws(FixturesError) -> Int? {
        switch object[field] {
        case nil, .null: return nil
        case .number(let text):
            guard let number = Int(text) else {
                throw FixturesError("\(label): \"\(field)\" must be a whole number")
            }
            return number
        default: throw FixturesError("\(label): \"\(field)\" must be a whole number")
        }
    }

    /// An optional boolean.
    func optionalBool(_ field: String) throws(FixturesError) -> Bool? {
        switch object[field] {
        case nil, .null: return nil
        case .bool(let value): return value
        default: throw FixturesError("\(label): \"\(field)\" must be true or false")
        }
    }

    /// Refuses fields outside `known`, so a misspelt field is not silently dropped.
    func requireOnly(_ known: Set<String>) throws(FixturesError) {
        for key in object.keys where !known.contains(key) {
            let list = known.sorted().joined(separator: ", ")
            throw FixturesError("\(label): unknown field \"\(key)\" (known: \(list))")
        }
    }
}
