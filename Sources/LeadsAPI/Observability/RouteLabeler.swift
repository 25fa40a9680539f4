/// Names the route a path belongs to, with parameters left as `{name}`, so metrics group
/// requests by endpoint rather than by every organisation and lead id.
struct RouteLabeler: Sendable {
    /// Each pattern split on `/`, with the pattern itself as the label.
    private let patterns: [(segments: [Substring], label: String)]

    /// Creates a labeler over route patterns such as `/a/{id}/`.
    init(patterns: [String]) {
        self.patterns = patterns.map { pattern in
            (pattern.split(separator: "/", omittingEmptySubsequences: false), pattern)
        }
    }

    /// The pattern matching `path`, or `unmatched`.
    func label(for path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for pattern in patterns where pattern.segments.count == segments.count {
            let matches = zip(pattern.segments, segments).allSatisfy { expected, actual in
                expected.first == "{" || expected == actual
            }
            if matches { return pattern.label }
        }
        return "unmatched"
    }
}
