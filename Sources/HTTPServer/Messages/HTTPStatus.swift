/// A response status: the code clients act on and the reason phrase people read.
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit code.
    public var code: Int
    /// The text after the code on the status line.
    public var reasonPhrase: String

    /// Creates a status with the standard reason phrase for `code`, or `Unknown` when the
    /// code has none, so handlers never have to spell phrases themselves.
    public init(code: Int) {
        self.code = code
        self.reasonPhrase = HTTPStatus.standardReasonPhrase(for: code)
    }

    /// Creates a status with a custom reason phrase.
    public init(code: Int, reasonPhrase: String) {
        self.code = code
        self.reasonPhrase = reasonPhrase
    }

    /// Whether a response with this status must not carry a body or `Content-Length`
    /// (1xx, 204 and 304).
    public var forbidsBody: Bool {
        (100..<200).contains(code) || code == 204 || code == 304
    }

    /// The status line form, for example `404 Not Found`.
    public var description: String { "\(code) \(reasonPhrase)" }

    /// The request succeeded.
    public static let ok = HTTPStatus(code: 200)
    /// A resource was created.
    public static let created = HTTPStatus(code: 201)
    /// Success with nothing to send back, as after a delete.
    public static let noContent = HTTPStatus(code: 204)
    /// The resource lives at another address for good.
    public static let movedPermanently = HTTPStatus(code: 301)
    /// The resource is, for now, at another address.
    public static let found = HTTPStatus(code: 302)
    /// The client's cached copy is still good.
    public static let notModified = HTTPStatus(code: 304)
    /// The request is malformed or fails validation.
    public static let badRequest = HTTPStatus(code: 400)
    /// The request carries no valid credentials.
    public static let unauthorized = HTTPStatus(code: 401)
    /// The credentials do not allow this.
    public static let forbidden = HTTPStatus(code: 403)
    /// Nothing lives at this path.
    public static let notFound = HTTPStatus(code: 404)
    /// The path exists but not with this method; the response lists the allowed ones.
    public static let methodNotAllowed = HTTPStatus(code: 405)
    /// No representation matches the `Accept` header.
    public static let notAcceptable = HTTPStatus(code: 406)
    /// The client took too long to send its request.
    public static let requestTimeout = HTTPStatus(code: 408)
    /// The request body is over the configured limit.
    public static let payloadTooLarge = HTTPStatus(code: 413)
    /// The body's media type is not one the endpoint reads.
    public static let unsupportedMediaType = HTTPStatus(code: 415)
    /// An `Expect` header asked for something other than `100-continue`.
    public static let expectationFailed = HTTPStatus(code: 417)
    /// The body is well formed but its content cannot be processed.
    public static let unprocessableContent = HTTPStatus(code: 422)
    /// The client is over its rate limit.
    public static let tooManyRequests = HTTPStatus(code: 429)
    /// The request line and headers are over the configured limit.
    public static let requestHeaderFieldsTooLarge = HTTPStatus(code: 431)
    /// The server failed; details go to the log, never to the client.
    public static let internalServerError = HTTPStatus(code: 500)
    /// The server is shutting down or overloaded.
    public static let serviceUnavailable = HTTPStatus(code: 503)
    /// The request used a protocol version other than HTTP/1.0 or HTTP/1.1.
    public static let httpVersionNotSupported = HTTPStatus(code: 505)

    /// The reason phrases of RFC 9110 and its registry, used when a status is built from a
    /// bare code.
    static func standardReasonPhrase(for code: Int) -> String {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 423: "Locked"
        case 424: "Failed Dependency"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Unknown"
        }
    }
}
