import HTTPServer

/// The methods each API URL answers, so a forced failure can carry the `Allow` header the
/// DRF view of that URL puts on every answer, before the request ever reaches the view.
struct EndpointMethods: Sendable {
    private let labeler: RouteLabeler
    private let methods: [String: [HTTPMethod]]

    /// Reads the `Allow` list of every endpoint, keyed by its URL pattern.
    init(endpoints: [(String, APIEndpoint)]) {
        labeler = RouteLabeler(patterns: endpoints.map(\.0))
        methods = Dictionary(
            endpoints.map { ($0.0, $0.1.allowedMethods) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The methods the view at `path` answers, or nil when no API view lives there.
    func allowedMethods(for path: String) -> [HTTPMethod]? {
        methods[labeler.label(for: path)]
    }
}
