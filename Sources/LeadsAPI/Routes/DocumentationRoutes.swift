import BodyParsing
import HTTPServer

/// The served API description: the OpenAPI document and a readable page made from it. Both
/// answers are built once, when the routes are registered, and need no authentication.
enum DocumentationRoutes {
    /// Registers `/api/schema/` and `/api/docs/`; HEAD is answered through GET.
    static func register(in router: inout Router) {
        let schema = schemaResponse()
        let page = pageResponse()
        let notFound = JSONResponse.detail(.notFound, "Not found.")

        router.add(.get, "/api/schema/") { request in
            isServedFormat(request) ? schema : notFound
        }
        router.add(.get, "/api/docs/") { _ in page }
    }

    /// Whether the request asks for JSON, the only format served. As in DRF, the last
    /// `format` parameter counts and an empty one asks for the default.
    private static func isServedFormat(_ request: HTTPRequest) -> Bool {
        let format = request.queryItems.last { $0.name == "format" }?.value ?? ""
        return format.isEmpty || format == "json"
    }

    /// The document's bytes exactly as embedded.
    private static func schemaResponse() -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        return HTTPResponse(status: .ok, headers: headers, body: OpenAPIDocument.bytes)
    }

    /// The page, or a 500 page naming the parse error if the embedded document is broken.
    private static func pageResponse() -> HTTPResponse {
        switch OpenAPIDocument.renderPage() {
        case .success(let html):
            return DjangoPage.html(.ok, html)
        case .failure(let error):
            return DjangoPage.html(
                .internalServerError,
                "<!DOCTYPE html>\n<title>API description unavailable</title>\n"
                    + "<p>The embedded OpenAPI document cannot be read: "
                    + HTMLText.escape(error.message) + "</p>\n"
            )
        }
    }
}
