import HTTPServer

/// The served API description: the OpenAPI document and a readable page made from it.
enum DocumentationRoutes {
    /// Registers `/api/schema/` and `/api/docs/`.
    static func register(in router: inout Router) {
        // TODO: the schema and docs pages are not served yet.
    }
}
