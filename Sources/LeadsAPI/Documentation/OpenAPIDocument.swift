/// The OpenAPI 3 description of everything the server answers, compiled into the binary.
enum OpenAPIDocument {
    /// The document's JSON text as stored in `openapi.json`.
    static var bytes: [UInt8] { PackageResources.openapi_json }
}
