import BodyParsing

/// Writes a `curl` line for an operation, ready to paste into a shell once `BASE_URL`
/// (and for the admin API `TOKEN`) is set: the method, the credentials its security asks
/// for, the path with sample parameters and, when it takes a body, a sample body built
/// from the body's example or schema. Samples name rows of `config/demo-fixtures.json`,
/// so the lines work against the demo server as pasted.
struct ExampleRequest {
    /// Resolves references in the document.
    let reader: OpenAPIReader
    /// Reads the schemas that sample bodies are built from.
    let schemas: SchemaReader

    /// Values for path parameters, naming rows of the demo fixtures.
    private static let pathSamples = [
        "org_uid": "org-demo", "unique_id": "lead-001", "name": "demo-day",
    ]

    /// The cookie jar the CSRF-checked examples share, so logging out after the login
    /// example ends that session.
    private static let cookieJar = "cookies.txt"

    /// Values for text fields by name, so a sample body reads like a real one.
    private static let textSamples = [
        "title": "Website redesign", "sales_stage": "stage-new", "client": "client-acme",
        "username": "alice", "password": "alice-pass", "name": "demo-day",
    ]

    /// How deep a sample body may nest before a value is left null.
    private static let maximumDepth = 6

    /// The `curl` line for `method` on `path`. An operation whose `x-csrf-cookie` names the
    /// page that sets Django's CSRF cookie first fetches that page into a cookie jar, then
    /// sends the cookie back with its token in `X-CSRFToken`, since the CSRF check refuses
    /// the request otherwise.
    func curl(method: String, path: String, pathItem: DocumentNode) -> String {
        let operation = pathItem[method.lowercased()]
        var words = ["curl"]
        let csrfPage = operation["x-csrf-cookie"].text
        if let csrfPage {
            words += ["-s", "-b", Self.cookieJar, "-c", Self.cookieJar, "-o", "/dev/null"]
            words += ["\"$BASE_URL" + csrfPage + "\"", "&&", "curl"]
        }
        switch method.uppercased() {
        case "GET": break
        case "HEAD": words.append("-I")
        default: words += ["-X", method.uppercased()]
        }

        words += credentials(for: operation)
        if csrfPage != nil {
            words += csrfOptions()
        }
        words += body(of: operation)

        let parameters = (pathItem["parameters"].elements + operation["parameters"].elements)
            .map(reader.resolve)
        words.append("\"$BASE_URL" + filledIn(path, parameters: parameters) + "\"")
        return words.joined(separator: " ")
    }

    /// The options that send the credentials the operation accepts, preferring HTTP Basic
    /// as the simplest to type.
    private func credentials(for operation: DocumentNode) -> [String] {
        let requirements =
            operation["security"].isPresent ? operation["security"] : reader.root["security"]
        let names = requirements.elements.flatMap { $0.members.map(\.key) }
        let schemes = names.map { reader.root["components"]["securitySchemes"][$0] }

        if schemes.contains(where: { isHTTP($0, scheme: "basic") }) {
            return ["-u", "alice:alice-pass"]
        }
        if schemes.contains(where: { isHTTP($0, scheme: "bearer") }) {
            return ["-H", "\"Authorization: Bearer $TOKEN\""]
        }
        if let cookie = schemes.first(where: { $0["in"].text == "cookie" }),
            let name = cookie["name"].text
        {
            return ["-b", "\"\(name)=$SESSION\""]
        }
        return []
    }

    /// The options that send the jar's cookies, keep the ones the answer sets and copy the
    /// `csrftoken` cookie into the `X-CSRFToken` header, as Django's CSRF check asks.
    private func csrfOptions() -> [String] {
        let token = "$(awk '/csrftoken/ {print $7}' \(Self.cookieJar))"
        return [
            "-b", Self.cookieJar, "-c", Self.cookieJar, "-H", "\"X-CSRFToken: \(token)\"",
        ]
    }

    private func isHTTP(_ scheme: DocumentNode, scheme name: String) -> Bool {
        scheme["type"].text == "http" && scheme["scheme"].text?.lowercased() == name
    }

    /// The options that send a sample body, in JSON when the operation reads JSON.
    private func body(of operation: DocumentNode) -> [String] {
        let content = reader.resolve(operation["requestBody"])["content"]
        let media = content.members
        guard
            let (mediaType, entry) = media.first(where: { $0.key == "application/json" })
                ?? media.first
        else { return [] }

        let value =
            entry["example"].value ?? sample(entry["schema"], name: nil, depth: 0)
        switch mediaType {
        case "application/json":
            let json = String(decoding: JSONWriter.serialize(value), as: UTF8.self)
            return ["-H", quoted("Content-Type: application/json"), "-d", quoted(json)]
        case "multipart/form-data":
            return formPairs(value).flatMap { ["-F", quoted($0)] }
        default:
            return ["-d", quoted(formPairs(value).joined(separator: "&"))]
        }
    }

    /// `name=value` for each scalar member of an object body.
    private func formPairs(_ value: JSONValue) -> [String] {
        DocumentNode(value).members.compactMap { key, node in
            node.scalarText.map { key + "=" + $0 }
        }
    }

    /// A value that `schema` accepts: its example, else its first enum value, else one made
    /// from its type, with objects holding their required writable properties.
    func sample(_ schema: DocumentNode, name: String?, depth: Int) -> JSONValue {
        if let example = schemas.attribute("example", of: schema).value { return example }
        if let first = schemas.attribute("enum", of: schema).elements.first?.value {
            return first
        }
        guard depth < Self.maximumDepth else { return .null }

        let type = schemas.attribute("type", of: schema).text
        let merged = schemas.merge(schema)
        if type == "object" || (type == nil && !merged.properties.isEmpty) {
            return .object(sampleObject(merged, depth: depth))
        }
        switch type {
        case "array":
            let items = schemas.attribute("items", of: schema)
            return .array([sample(items, name: nil, depth: depth + 1)])
        case "integer", "number":
            let minimum = schemas.attribute("minimum", of: schema).scalarText
            return .number(minimum ?? (type == "integer" ? "1" : "0"))
        case "boolean":
            return .bool(true)
        case "string":
            return .string(sampleText(schema, name: name))
        default:
            return .null
        }
    }

    /// The required writable properties; when none is required, one property a person
    /// would plausibly send alone.
    private func sampleObject(_ merged: MergedSchema, depth: Int) -> JSONObject {
        let writable = merged.properties.filter {
            !schemas.attribute("readOnly", of: $0.schema).isTrue
        }
        var chosen = writable.filter { merged.required.contains($0.name) }
        if chosen.isEmpty {
            let plausible = writable.first { Self.textSamples[$0.name] != nil } ?? writable.first
            chosen = plausible.map { [$0] } ?? []
        }
        return JSONObject(
            chosen.map { ($0.name, sample($0.schema, name: $0.name, depth: depth + 1)) }
        )
    }

    private func sampleText(_ schema: DocumentNode, name: String?) -> String {
        if let name, let text = Self.textSamples[name] { return text }
        switch schemas.attribute("format", of: schema).text {
        case "date": return "2026-12-01"
        case "date-time": return "2026-12-01T09:00:00Z"
        case "decimal": return "1000.00"
        default: return "text"
        }
    }

    /// `path` with each `{parameter}` replaced by its example or a sample value; one
    /// without either stays in braces for the reader to fill in.
    private func filledIn(_ path: String, parameters: [DocumentNode]) -> String {
        var result = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"),
            let close = rest[open...].firstIndex(of: "}")
        {
            let name = String(rest[rest.index(after: open)..<close])
            let parameter = parameters.first { $0["name"].text == name && $0["in"].text == "path" }
            let example =
                parameter?["example"].scalarText ?? parameter?["schema"]["example"].scalarText
            result += rest[..<open]
            result += example ?? Self.pathSamples[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// `text` in single quotes for a POSIX shell.
    private func quoted(_ text: String) -> String {
        var result = "'"
        for character in text {
            result += character == "'" ? "'\\''" : String(character)
        }
        return result + "'"
    }
}
