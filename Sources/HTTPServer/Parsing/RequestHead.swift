/// A parsed request line and header block, with the framing decisions taken from it.
struct RequestHead {
    var method: HTTPMethod
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    /// How the body is delimited.
    var framing: BodyFraming
    /// Whether the connection may carry another request after this one.
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool
    /// The largest body accepted for this request's path.
    var maxBodySize: Int
}

/// How a request body is delimited on the wire.
enum BodyFraming: Equatable {
    /// No body.
    case none
    /// Exactly this many bytes follow the head.
    case length(Int)
    /// Chunked transfer coding, ended by a zero-size chunk and optional trailers.
    case chunked
}
