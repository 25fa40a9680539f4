/// The HTML section of one operation: what it does, who may call it, what it takes, what
/// it answers and a request to try.
struct OperationSection {
    /// Resolves references in the document.
    let reader: OpenAPIReader
    /// Writes types and field tables.
    let table: SchemaTable
    /// Writes the `curl` line.
    let examples: ExampleRequest

    /// The anchor of an operation's section: its operationId, or else method and path.
    static func anchor(method: String, path: String, operation: DocumentNode) -> String {
        "operation-" + (operation["operationId"].text ?? method + path)
    }

    /// The section for `method` (lower case, as in the document) on `path`.
    func render(method: String, path: String, pathItem: DocumentNode) -> String {
        let operation = pathItem[method]
        let anchor = Self.anchor(method: method, path: path, operation: operation)
        var html = "<section class=\"operation\" id=\"\(HTMLText.escape(anchor))\">\n"
        html += "<h3><span class=\"method method-\(HTMLText.escape(method))\">"
        html += HTMLText.escape(method.uppercased()) + "</span> <code class=\"path\">"
        html += HTMLText.escape(path) + "</code></h3>\n"

        var title = operation["summary"].text.map { "<strong>\(HTMLText.escape($0))</strong>" }
        if let operationID = operation["operationId"].text {
            let code = "<code>" + HTMLText.escape(operationID) + "</code>"
            title = title.map { $0 + " · " + code } ?? code
        }
        if let title { html += "<p class=\"summary\">\(title)</p>\n" }
        html += HTMLText.blocks(operation["description"].text ?? "")

        html += "<h4>Authentication</h4>\n<p>" + security(operation) + "</p>\n"
        html += parameters(pathItem["parameters"].elements + operation["parameters"].elements)
        html += requestBody(operation["requestBody"])
        html += responses(operation["responses"])
        html += "<h4>Example</h4>\n<pre class=\"example\"><code>"
        html += HTMLText.escape(examples.curl(method: method, path: path, pathItem: pathItem))
        return html + "</code></pre>\n</section>\n"
    }

    /// Who may call the operation: alternatives joined by "or", schemes one alternative
    /// needs together joined by "and".
    private func security(_ operation: DocumentNode) -> String {
        let requirements =
            operation["security"].isPresent ? operation["security"] : reader.root["security"]
        let alternatives = requirements.elements.map { requirement in
            requirement.members.map { scheme(named: $0.key) }.joined(separator: " and ")
        }
        guard alternatives.contains(where: { !$0.isEmpty }) else {
            return "None: anyone may call this."
        }
        let sentence = alternatives.filter { !$0.isEmpty }.joined(separator: " or ") + "."
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }

    /// A security scheme in words, with its name in the document.
    func scheme(named name: String) -> String {
        let scheme = reader.root["components"]["securitySchemes"][name]
        let code = " (<code>" + HTMLText.escape(name) + "</code>)"
        switch (scheme["type"].text, scheme["scheme"].text?.lowercased()) {
        case ("http", "basic"):
            return "HTTP Basic" + code
        case ("http", "bearer"):
            return "a bearer token" + code
        case ("apiKey", _):
            let place = HTMLText.escape(scheme["in"].text ?? "request")
            let key = HTMLText.escape(scheme["name"].text ?? name)
            return "the \(place) <code>\(key)</code>" + code
        default:
            return HTMLText.escape(name)
        }
    }

    private func parameters(_ nodes: [DocumentNode]) -> String {
        let parameters = nodes.map(reader.resolve)
        guard !parameters.isEmpty else { return "" }

        var html = "<h4>Parameters</h4>\n<table class=\"parameters\"><thead><tr><th>Name</th>"
        html += "<th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead>"
        html += "<tbody>\n"
        for parameter in parameters {
            html += "<tr><td><code>" + HTMLText.escape(parameter["name"].text ?? "") + "</code>"
            html += "</td><td>" + HTMLText.escape(parameter["in"].text ?? "") + "</td>"
            html += "<td>" + (parameter["required"].isTrue ? "yes" : "no") + "</td>"
            html += "<td>" + table.typeHTML(parameter["schema"]) + "</td>"
            html += "<td>" + HTMLText.blocks(parameter["description"].text ?? "")
            html += parameterExamples(parameter) + "</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The parameter's examples, as a list of values.
    private func parameterExamples(_ parameter: DocumentNode) -> String {
        var values = parameter["examples"].members.compactMap {
            reader.resolve($0.node)["value"].scalarText
        }
        if let example = parameter["example"].scalarText { values.insert(example, at: 0) }
        guard !values.isEmpty else { return "" }
        let codes = values.map { "<code>" + HTMLText.escape($0) + "</code>" }
        return "<p>Examples: " + codes.joined(separator: ", ") + "</p>"
    }

    /// The media types the body may come in and the fields of each distinct schema.
    private func requestBody(_ node: DocumentNode) -> String {
        let body = reader.resolve(node)
        guard body.isPresent else { return "" }

        var html = "<h4>Request body</h4>\n"
        html += HTMLText.blocks(body["description"].text ?? "")
        let media = body["content"].members
        let types = media.map { "<code>" + HTMLText.escape($0.key) + "</code>" }
        html += "<p>" + (body["required"].isTrue ? "Required" : "Optional") + "; "
        html += types.joined(separator: ", ") + ".</p>\n"

        var shown: [DocumentNode] = []
        for (mediaType, entry) in media {
            let schema = entry["schema"]
            guard schema.isPresent, !shown.contains(where: { $0.value == schema.value }) else {
                continue
            }
            shown.append(schema)
            html += "<p>Schema " + table.typeHTML(schema)
            html += media.count > 1 ? " (<code>" + HTMLText.escape(mediaType) + "</code>)" : ""
            html += ":</p>\n" + table.fieldsTable(schema)
        }
        return html
    }

    private func responses(_ node: DocumentNode) -> String {
        let responses = node.members
        guard !responses.isEmpty else { return "" }

        var html = "<h4>Responses</h4>\n<table class=\"responses\"><thead><tr><th>Status</th>"
        html += "<th>Description</th><th>Body</th></tr></thead><tbody>\n"
        for (status, entry) in responses {
            let response = reader.resolve(entry)
            let bodies = response["content"].members.map { mediaType, media in
                let type = media["schema"].isPresent ? ": " + table.typeHTML(media["schema"]) : ""
                return "<code>" + HTMLText.escape(mediaType) + "</code>" + type
            }
            let headers = response["headers"].members.map {
                "<code>" + HTMLText.escape($0.key) + "</code>"
            }
            var body = bodies.isEmpty ? "none" : bodies.joined(separator: "<br>")
            if !headers.isEmpty { body += "<br>Headers: " + headers.joined(separator: ", ") }

            html += "<tr><td><code>" + HTMLText.escape(status) + "</code></td><td>"
            html += HTMLText.blocks(response["description"].text ?? "") + "</td>"
            html += "<td>" + body + "</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
