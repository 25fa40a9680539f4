/// The method of a request, kept as its exact upper-case token so methods the server has
/// never heard of still reach the router and can be answered with 405 instead of 400.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The token as it appeared on the request line, for example `GET`.
    public var rawValue: String

    /// Wraps a token; methods are case-sensitive, so `get` is not `GET`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Reads a resource; also what HEAD falls back to.
    public static let get = HTTPMethod(rawValue: "GET")
    /// Like GET without the body, answered by the GET route unless a HEAD route exists.
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// Creates a resource or runs an action.
    public static let post = HTTPMethod(rawValue: "POST")
    /// Replaces a resource.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// Changes part of a resource.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// Removes a resource.
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// Asks what a resource supports; the API answers it on every route.
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    /// The token itself, so methods print as they travel on the wire.
    public var description: String { rawValue }
}
