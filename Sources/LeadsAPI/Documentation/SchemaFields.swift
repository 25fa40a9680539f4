/// One field of a body schema as a reader needs it: what to send, of what type, under
/// which rules. Nested fields are named by path, such as `latency_ms.min` or
/// `people[].username`.
struct SchemaField {
    /// The field's path from the top of the body.
    var name: String
    /// The field's schema, for the type column.
    var schema: DocumentNode
    /// Whether the enclosing object requires the field.
    var isRequired: Bool
    /// Whether `null` is accepted.
    var isNullable: Bool
    /// Whether the server computes the field and ignores it in requests.
    var isReadOnly: Bool
    /// Limits such as `maxLength` or `pattern`, as name and value.
    var constraints: [(name: String, value: String)]
    /// The `title`, when the schema gives the field a label of its own.
    var title: String?
    /// The description without the lines that describe enum values.
    var description: String
    /// The allowed values, each with the label the description gives it.
    var choices: [(value: String, label: String?)]
}

/// A schema with its reference followed and its `allOf` parts folded into one list of
/// properties, the way a client has to read it.
struct MergedSchema {
    /// Properties in document order; a later part redefining one replaces it in place.
    var properties: [(name: String, schema: DocumentNode)] = []
    /// Names of the required properties, from every part.
    var required: Set<String> = []
}

/// Reads schemas of one document: merging, attributes found through `allOf`, and the
/// field rows of body tables.
struct SchemaReader {
    /// Resolves references in the document the schemas belong to.
    let reader: OpenAPIReader

    /// The keys listed as constraints, in the order they are shown.
    private static let constraintKeys = [
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minItems", "maxItems", "default",
    ]

    /// How deep nested objects are expanded; deeper ones are named by type only.
    private static let maximumDepth = 4

    /// `schema` with references followed and `allOf` parts folded in.
    func merge(_ schema: DocumentNode, depth: Int = 0) -> MergedSchema {
        let resolved = reader.resolve(schema)
        var merged = MergedSchema()
        guard depth < Self.maximumDepth * 2 else { return merged }

        for part in resolved["allOf"].elements {
            let inner = merge(part, depth: depth + 1)
            for property in inner.properties { merged.add(property) }
            merged.required.formUnion(inner.required)
        }
        for (name, property) in resolved["properties"].members {
            merged.add((name, property))
        }
        merged.required.formUnion(resolved["required"].strings)
        return merged
    }

    /// The value of `key` on `schema`, or else on the first `allOf` part that has it, so
    /// `{"allOf": [{"$ref": ...}], "readOnly": true}` reads both its own keys and those of
    /// the schema it refers to.
    func attribute(_ key: String, of schema: DocumentNode, depth: Int = 0) -> DocumentNode {
        let resolved = reader.resolve(schema)
        if resolved[key].isPresent || depth >= Self.maximumDepth * 2 {
            return resolved[key]
        }
        for part in resolved["allOf"].elements {
            let found = attribute(key, of: part, depth: depth + 1)
            if found.isPresent { return found }
        }
        return DocumentNode(nil)
    }

    /// The name of the component a schema stands for: its own reference, or the single
    /// reference an `allOf` wraps.
    func referenceName(_ schema: DocumentNode) -> String? {
        if let reference = schema["$ref"].text {
            return OpenAPIReader.referenceName(reference)
        }
        let parts = schema["allOf"].elements
        if parts.count == 1, let reference = parts[0]["$ref"].text {
            return OpenAPIReader.referenceName(reference)
        }
        return nil
    }

    /// The rows of a body table: every property, and the properties of nested objects
    /// and of objects in arrays under their paths.
    func fields(of schema: DocumentNode) -> [SchemaField] {
        fields(of: schema, prefix: "", depth: 0, visited: [])
    }

    private func fields(
        of schema: DocumentNode,
        prefix: String,
        depth: Int,
        visited: Set<String>
    ) -> [SchemaField] {
        let merged = merge(schema)
        var rows: [SchemaField] = []
        for (name, property) in merged.properties {
            let path = prefix + name
            rows.append(field(path, property, isRequired: merged.required.contains(name)))

            var inner = property
            var separator = "."
            if attribute("type", of: property).text == "array" {
                inner = attribute("items", of: property)
                separator = "[]."
            }
            let innerName = referenceName(inner)
            guard depth + 1 < Self.maximumDepth, !visited.contains(innerName ?? "") else {
                continue
            }
            guard !merge(inner).properties.isEmpty else { continue }

            var seen = visited
            if let innerName { seen.insert(innerName) }
            rows += fields(of: inner, prefix: path + separator, depth: depth + 1, visited: seen)
        }
        return rows
    }

    /// The row of one property.
    private func field(_ name: String, _ schema: DocumentNode, isRequired: Bool) -> SchemaField {
        // The description and title are the property's own: those of a schema it refers to
        // describe the referenced type, not this use of it.
        let described = EnumDescription(schema["description"].text ?? "")
        let values = attribute("enum", of: schema).elements.compactMap(\.scalarText)
        let constraints = Self.constraintKeys.compactMap { key -> (String, String)? in
            attribute(key, of: schema).scalarText.map { (key, $0) }
        }
        return SchemaField(
            name: name,
            schema: schema,
            isRequired: isRequired,
            isNullable: attribute("nullable", of: schema).isTrue,
            isReadOnly: attribute("readOnly", of: schema).isTrue,
            constraints: constraints,
            title: schema["title"].text,
            description: described.text,
            choices: values.map { ($0, described.labels[$0]) }
        )
    }
}

extension MergedSchema {
    /// Adds a property, replacing an earlier one of the same name where it stood.
    fileprivate mutating func add(_ property: (name: String, schema: DocumentNode)) {
        if let index = properties.firstIndex(where: { $0.name == property.name }) {
            properties[index] = property
        } else {
            properties.append(property)
        }
    }
}

/// A description split into its prose and the labels of enum values it lists in the
/// form the backend's schema generator writes: "* `website` - Website".
struct EnumDescription {
    /// The description without the value lines.
    let text: String
    /// The label of each listed value.
    let labels: [String: String]

    /// Splits `description`.
    init(_ description: String) {
        var kept: [Substring] = []
        var labels: [String: String] = [:]
        for line in description.split(separator: "\n", omittingEmptySubsequences: false) {
            if let (value, label) = Self.valueLine(line) {
                labels[value] = label
            } else {
                kept.append(line)
            }
        }
        while let last = kept.last, last.allSatisfy({ $0 == " " }) { kept.removeLast() }
        text = kept.joined(separator: "\n")
        self.labels = labels
    }

    /// The value and label of a line such as "* `seo` - SEO", or nil for other lines.
    private static func valueLine(_ line: Substring) -> (String, String)? {
        guard line.hasPrefix("* `") else { return nil }

        let rest = line.dropFirst(3)
        guard let close = rest.firstIndex(of: "`") else { return nil }
        let after = rest[rest.index(after: close)...]
        guard after.hasPrefix(" - ") else { return nil }
        return (String(rest[..<close]), String(after.dropFirst(3)))
    }
}
