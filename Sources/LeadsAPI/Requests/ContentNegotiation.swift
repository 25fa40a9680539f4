import BodyParsing
import HTTPServer

/// DRF's content negotiation over its two default renderers. Both answer with JSON here:
/// a browser asking for HTML gets the same JSON the browsable API would have shown.
enum ContentNegotiation {
    /// DRF's default renderers: their `format` names and media types, in order.
    private static let renderers: [(format: String, mediaType: MediaType)] = [
        ("json", MediaType(type: "application", subtype: "json")),
        ("api", MediaType(type: "text", subtype: "html")),
    ]

    /// The query parameter that picks a renderer by its format name.
    private static let formatParameter = "format"

    /// Throws 404 when `?format=` names no renderer, and 406 when the `Accept` header names
    /// only media types no remaining renderer produces.
    ///
    /// As in DRF, `q` weights are ignored (`application/json;q=0` still gets JSON), a
    /// missing header accepts anything, and a header that is present but empty accepts
    /// nothing.
    static func check(_ request: HTTPRequest) throws(APIError) {
        var candidates = renderers
        let format = request.queryItems.last { $0.name == formatParameter }?.value ?? ""
        if !format.isEmpty {
            candidates = candidates.filter { $0.format == format }
            guard !candidates.isEmpty else { throw .notFound(notFoundDetail) }
        }

        guard let header = request.headers["Accept"] else { return }
        let accepted = header.split(separator: ",", omittingEmptySubsequences: false).compactMap {
            MediaType.parse(String($0))
        }
        let satisfied = accepted.contains { wanted in
            candidates.contains { $0.mediaType.matches(wanted) }
        }
        guard satisfied else { throw .notAcceptable }
    }

    /// DRF's detail for a `format` no renderer has.
    static let notFoundDetail = "Not found."
}
