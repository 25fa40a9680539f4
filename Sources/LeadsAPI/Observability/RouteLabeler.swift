/// Names the route a path belongs to, with parameters left as `{name}`, so metrics group
/// requests by endpoint rather than by every organisation and lead id.
struct RouteLabeler: Sendable {
    private let patterns: [[Substring]]

    /// Creates a labeler over route patterns such as `/a/{id}/`.
    init(patterns: [String]) {
        self.patterns = patterns.map { $0.split(separator: "/", omittingEmptySubsequences: false) }
    }

    /// The pattern matching `path`, or `unmatched`.
    func label(for path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for pattern in patterns where pattern.count == segments.count {
            let matches = zip(pattern, segments).allSatisfy { expected, actual in
                expected.first == "{" || expected == actual
            }
            if matches { return pattern.joined(separator: "/") }
        }
        return "unmatched"
    }
}
