import BodyParsing

/// The readable form of the OpenAPI document: one self-contained HTML page with inline
/// styles and no scripts, so it works offline and behind strict content policies. It is
/// rendered once from the parsed document, so it can never disagree with `/api/schema/`.
struct DocumentationPage {
    private let reader: OpenAPIReader
    private let table: SchemaTable
    private let sections: OperationSection

    /// The methods an OpenAPI path item may describe, in the order they are listed.
    private static let methods = [
        "get", "put", "post", "patch", "delete", "head", "options", "trace",
    ]

    /// Prepares the page for the parsed `document`.
    init(document: JSONValue) {
        reader = OpenAPIReader(document)
        let schemas = SchemaReader(reader: reader)
        table = SchemaTable(schemas: schemas)
        sections = OperationSection(
            reader: reader,
            table: table,
            examples: ExampleRequest(reader: reader, schemas: schemas)
        )
    }

    /// Every operation of the document in order, with its path item.
    private var operations: [(path: String, method: String, pathItem: DocumentNode)] {
        reader.root["paths"].members.flatMap { path, item in
            Self.methods.filter { item[$0].isPresent }.map { (path, $0, item) }
        }
    }

    /// The whole page.
    func render() -> String {
        let info = reader.root["info"]
        let title = HTMLText.escape(info["title"].text ?? "API")
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(title)</title>\n<style>\n\(PageStyle.css)</style>\n</head>\n<body>\n"
        html += "<main>\n<header>\n<h1>\(title)</h1>\n<p class=\"meta\">"
        html += "Version " + HTMLText.escape(info["version"].text ?? "unknown")
        html += " · OpenAPI " + HTMLText.escape(reader.root["openapi"].text ?? "3")
        html += " · <a href=\"/api/schema/\">this description as JSON</a></p>\n"
        html += HTMLText.blocks(info["description"].text ?? "") + "</header>\n"

        html += contents() + authentication() + operationSections() + schemaSections()
        return html + "</main>\n</body>\n</html>\n"
    }

    /// The list of operations, grouped by tag, linking to their sections.
    private func contents() -> String {
        var html = "<nav>\n<h2>Operations</h2>\n"
        var currentTag: String?
        for (path, method, item) in operations {
            let tag = item[method]["tags"].strings.first ?? "Other"
            if tag != currentTag {
                html += currentTag == nil ? "" : "</ul>\n"
                html += "<h3>" + HTMLText.escape(tag) + "</h3>\n<ul>\n"
                currentTag = tag
            }
            let anchor = OperationSection.anchor(
                method: method,
                path: path,
                operation: item[method]
            )
            html += "<li><a href=\"#\(HTMLText.escape(anchor))\"><span class=\"method method-"
            html += HTMLText.escape(method) + "\">" + HTMLText.escape(method.uppercased())
            html += "</span> <code>" + HTMLText.escape(path) + "</code></a> "
            html += HTMLText.escape(item[method]["summary"].text ?? "") + "</li>\n"
        }
        return html + (currentTag == nil ? "" : "</ul>\n") + "</nav>\n"
    }

    /// The security schemes, and what the example requests assume.
    private func authentication() -> String {
        var html = "<section>\n<h2>Authentication</h2>\n<ul>\n"
        for (name, scheme) in reader.root["components"]["securitySchemes"].members {
            let words = sections.scheme(named: name)
            html += "<li>" + words.prefix(1).uppercased() + words.dropFirst()
            if let description = scheme["description"].text {
                html += ": " + HTMLText.inline(description)
            }
            html += "</li>\n"
        }
        html += "</ul>\n<p>The examples assume the shell variable <code>BASE_URL</code> holds "
        html += "this server's address (scheme, host and port), <code>TOKEN</code> the admin "
        html += "token and <code>SESSION</code> a session key; <code>alice</code> is a person "
        html += "of the sample fixtures.</p>\n</section>\n"
        return html
    }

    /// A section per operation, under a heading per tag.
    private func operationSections() -> String {
        let tags = Dictionary(
            reader.root["tags"].elements.compactMap { tag in
                tag["name"].text.map { ($0, tag["description"].text ?? "") }
            },
            uniquingKeysWith: { first, _ in first }
        )

        var html = ""
        var currentTag: String?
        for (path, method, item) in operations {
            let tag = item[method]["tags"].strings.first ?? "Other"
            if tag != currentTag {
                html += "<h2 class=\"tag\">" + HTMLText.escape(tag) + "</h2>\n"
                html += HTMLText.blocks(tags[tag] ?? "")
                currentTag = tag
            }
            html += sections.render(method: method, path: path, pathItem: item)
        }
        return html
    }

    /// A section per component schema, the targets of the type links.
    private func schemaSections() -> String {
        let components = reader.root["components"]["schemas"].members
        guard !components.isEmpty else { return "" }

        var html = "<h2 class=\"tag\">Schemas</h2>\n"
        for (name, schema) in components {
            html += "<section class=\"schema\" id=\"\(HTMLText.escape(SchemaTable.anchor(name)))\">"
            html += "\n<h3>" + HTMLText.escape(name) + "</h3>\n"
            html += HTMLText.blocks(schema["description"].text ?? "")

            let alternatives = schema["oneOf"].elements + schema["anyOf"].elements
            if !alternatives.isEmpty {
                html += "<p>One of: "
                html += alternatives.map { table.typeHTML($0) }.joined(separator: ", ") + "</p>\n"
            }
            let fields = table.fieldsTable(schema)
            if fields.isEmpty && alternatives.isEmpty {
                html += "<p>Type: " + table.typeHTML(schema) + "</p>\n"
            }
            html += fields + "</section>\n"
        }
        return html
    }
}
