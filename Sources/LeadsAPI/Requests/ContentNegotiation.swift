import BodyParsing
import HTTPServer

/// DRF's content negotiation over its two default renderers. Both answer with JSON here:
/// a browser asking for HTML gets the same JSON the browsable API would have shown.
enum ContentNegotiation {
    private static let renderable = [
        MediaType.parse("application/json")!, MediaType.parse("text/html")!,
    ]

    /// Throws 406 when the `Accept` header names only media types no renderer produces.
    static func check(_ request: HTTPRequest) throws(APIError) {
        guard let header = request.headers["Accept"],
            !header.trimming(" \t").isEmpty
        else { return }

        let accepted = MediaType.parseList(header).filter { $0.quality > 0 }
        let satisfied = accepted.contains { wanted in
            renderable.contains { wanted.matches($0) || $0.matches(wanted) }
        }
        guard satisfied else { throw .notAcceptable }
    }
}
