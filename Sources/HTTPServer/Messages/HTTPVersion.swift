/// The protocol version of a request; it decides the keep-alive default (1.1 persists,
/// 1.0 only on request) and whether `Expect: 100-continue` means anything.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The number before the dot.
    public var major: Int
    /// The number after the dot.
    public var minor: Int

    /// Creates a version from its two numbers.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0: connections close after each response unless the client asks otherwise.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: connections persist unless either side says `Connection: close`.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// The version as written on a request line, for example `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }
}
