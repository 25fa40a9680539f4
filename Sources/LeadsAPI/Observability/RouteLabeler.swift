import HTTPServer

/// Names the route a path belongs to, with parameters left as `{name}`, so metrics group
/// requests by endpoint rather than by every organisation and lead id.
struct RouteLabeler: Sendable {
    /// The patterns by segment count, each list in the order given.
    private let patterns: [Int: [PathPattern]]

    /// Creates a labeler over route patterns such as `/a/{id}/`.
    init(patterns: [String]) {
        self.patterns = Dictionary(grouping: patterns.map(PathPattern.init), by: \.segmentCount)
    }

    /// The pattern matching `path`, or `unmatched`.
    func label(for path: String) -> String {
        let segments = PathSegments(path)
        for pattern in patterns[segments.count] ?? [] where pattern.fits(segments) {
            return pattern.text
        }
        return "unmatched"
    }
}
