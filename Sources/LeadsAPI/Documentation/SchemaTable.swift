/// The HTML of schemas: type names that link to the schema section, and tables of fields
/// with their rules and allowed values.
struct SchemaTable {
    /// Reads the schemas of the document.
    let schemas: SchemaReader

    /// The anchor of a component schema's section.
    static func anchor(_ name: String) -> String {
        "schema-" + name
    }

    /// A schema's type for a person: a linked component name, `array of ...`, or the JSON
    /// type with its format.
    func typeHTML(_ schema: DocumentNode, depth: Int = 0) -> String {
        if let name = schemas.referenceName(schema) {
            return link(name)
        }
        guard depth < 8 else { return "any" }

        let resolved = schemas.reader.resolve(schema)
        let alternatives = resolved["oneOf"].elements + resolved["anyOf"].elements
        if !alternatives.isEmpty {
            return "one of "
                + alternatives.map { typeHTML($0, depth: depth + 1) }.joined(separator: " or ")
        }

        let format = schemas.attribute("format", of: schema).text
        switch schemas.attribute("type", of: schema).text {
        case "array":
            let items = schemas.attribute("items", of: schema)
            return "array of " + typeHTML(items, depth: depth + 1)
        case "object":
            let values = schemas.attribute("additionalProperties", of: schema)
            guard values.isObject else { return "object" }
            return "object of " + typeHTML(values, depth: depth + 1)
        case let type?:
            let suffix = format.map { " (<code>" + HTMLText.escape($0) + "</code>)" } ?? ""
            return HTMLText.escape(type) + suffix
        case nil:
            return schemas.merge(schema).properties.isEmpty ? "any" : "object"
        }
    }

    /// A link to the section of component schema `name`, or the bare name when the
    /// document has no such schema.
    func link(_ name: String) -> String {
        let components = schemas.reader.root["components"]["schemas"]
        guard components[name].isPresent else { return HTMLText.escape(name) }
        let escaped = HTMLText.escape(name)
        return "<a href=\"#\(HTMLText.escape(Self.anchor(name)))\">\(escaped)</a>"
    }

    /// A table of the fields of `schema`, or nothing when it has none.
    func fieldsTable(_ schema: DocumentNode) -> String {
        let fields = schemas.fields(of: schema)
        guard !fields.isEmpty else { return "" }

        var html = "<table class=\"fields\"><thead><tr><th>Field</th><th>Type</th>"
        html += "<th>Required</th><th>Rules</th><th>Description</th></tr></thead><tbody>\n"
        for field in fields {
            html += "<tr><td><code>" + HTMLText.escape(field.name) + "</code></td>"
            html += "<td>" + typeHTML(field.schema) + "</td>"
            html += "<td>" + (field.isRequired ? "yes" : "no") + "</td>"
            html += "<td>" + rules(field) + "</td>"
            html += "<td>" + description(field) + "</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Badges for nullable and read-only, then each constraint with its value.
    private func rules(_ field: SchemaField) -> String {
        var parts: [String] = []
        if field.isNullable { parts.append("<span class=\"badge\">nullable</span>") }
        if field.isReadOnly { parts.append("<span class=\"badge\">read-only</span>") }
        for (name, value) in field.constraints {
            parts.append(HTMLText.escape(name) + " <code>" + HTMLText.escape(value) + "</code>")
        }
        return parts.joined(separator: "<br>")
    }

    /// The title, the description and the list of allowed values with their labels.
    private func description(_ field: SchemaField) -> String {
        var html = ""
        if let title = field.title {
            html += "<p><strong>" + HTMLText.escape(title) + "</strong></p>"
        }
        html += HTMLText.blocks(field.description)
        if !field.choices.isEmpty {
            html += "<p>One of:</p><ul class=\"choices\">"
            for (value, label) in field.choices {
                html += "<li><code>" + HTMLText.escape(value) + "</code>"
                if let label { html += " " + HTMLText.escape(label) }
                html += "</li>"
            }
            html += "</ul>"
        }
        return html
    }
}
