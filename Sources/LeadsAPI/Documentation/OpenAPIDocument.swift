import BodyParsing

/// The OpenAPI 3 description of everything the server answers, compiled into the binary.
enum OpenAPIDocument {
    /// The document's JSON text as stored in `openapi.json`.
    static var bytes: [UInt8] { PackageResources.openapi_json }

    /// The readable page made from the document, or the reason the document could not be
    /// read (which the documentation tests rule out for the shipped document).
    static func renderPage() -> Result<String, JSONParseError> {
        Result { () throws(JSONParseError) in
            DocumentationPage(document: try JSONParser.parse(bytes)).render()
        }
    }
}
