/// The method and path of a request the server refuses, as far as they could be read
/// before it broke off: a refusal still has to answer HEAD without a body, and its log
/// line should say what was asked for whenever that is known.
struct PartialRequestLine: Sendable, Equatable {
    /// The method, once a valid method token and the space after it have arrived.
    var method: HTTPMethod?
    /// The path without the query, once the whole request line has arrived and is valid.
    var path: String?

    /// Creates a summary; both parts are unknown by default.
    init(method: HTTPMethod? = nil, path: String? = nil) {
        self.method = method
        self.path = path
    }

    /// The part of a target before its query, as `HTTPRequest.path` has it.
    static func path(_ target: String) -> String {
        guard let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return target
        }
        return String(target[..<questionMark])
    }
}
