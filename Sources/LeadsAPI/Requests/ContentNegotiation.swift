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

    /// The `indent` DRF's `JSONRenderer` pretty-prints with, or nil for compact output.
    ///
    /// DRF picks the most specific `Accept` entry first (an entry with parameters beats a
    /// plain type, which beats `type/*` and `*/*`), then the first renderer it matches; a
    /// wildcard entry passes its parameters on, so `*/*; indent=2` indents too. The value
    /// is read as Python's `int()` and clamped to 0...8, and 0 means compact. A request
    /// refused by negotiation is answered compactly, as DRF then renders by force.
    static func indent(for request: HTTPRequest) -> Int? {
        guard (try? check(request)) != nil else { return nil }
        guard let header = request.headers["Accept"] else { return nil }

        var candidates = renderers
        let format = request.queryItems.last { $0.name == formatParameter }?.value ?? ""
        if !format.isEmpty { candidates = candidates.filter { $0.format == format } }

        let accepted = header.split(separator: ",", omittingEmptySubsequences: false).compactMap {
            MediaType.parse(String($0))
        }
        for precedence in stride(from: 3, through: 0, by: -1) {
            let entries = accepted.filter { $0.precedence == precedence }
            for renderer in candidates {
                guard let wanted = entries.first(where: { renderer.mediaType.matches($0) })
                else { continue }
                guard renderer.format == "json" else { return nil }
                guard let text = wanted.parameter("indent"), let value = pythonInteger(text)
                else { return nil }
                let clamped = min(max(value, 0), 8)
                return clamped == 0 ? nil : clamped
            }
        }
        return nil
    }

    /// Python's `int()` of text: surrounding whitespace, a sign, and digits with single
    /// underscores between them; far too large values saturate, as only the clamp matters.
    private static func pythonInteger(_ text: String) -> Int? {
        var digits = Substring(text.trimming(" \t\n\r\u{0B}\u{0C}"))
        var sign = 1
        if let first = digits.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        guard let first = digits.first, first.isASCII, first.isNumber,
            digits.last?.isNumber == true, !digits.contains("__")
        else { return nil }

        var value = 0
        for character in digits where character != "_" {
            guard character.isASCII, let digit = character.wholeNumberValue else { return nil }
            value = min(value * 10 + digit, 1_000)
        }
        return sign * value
    }

    /// DRF's detail for a `format` no renderer has.
    static let notFoundDetail = "Not found."
}
