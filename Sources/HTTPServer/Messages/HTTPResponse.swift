/// What the application answers. The server adds the framing fields itself
/// (`Content-Length`, `Date`, `Server`, `Connection`, `X-Request-Id`), so handlers set
/// only what describes their content.
public struct HTTPResponse: Sendable {
    /// The status line's code and phrase.
    public var status: HTTPStatus
    /// Fields describing the content, such as `Content-Type` or `Allow`.
    public var headers: HTTPHeaders
    /// The complete body; sent whole, with its length, in the same write as the head.
    public var body: [UInt8]
    /// How long the server holds the response back before sending it, for simulated
    /// latency. The connection waits on a timer, not on a thread, so any number of
    /// delayed responses cost no workers; later requests on the same connection wait
    /// behind it, as pipelining requires.
    public var delay: Duration

    /// Creates a response.
    public init(
        status: HTTPStatus,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        delay: Duration = .zero
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    /// A JSON error body `{"detail":"..."}` with `Content-Type: application/json`, the
    /// shape the API uses for every error.
    public static func jsonDetail(status: HTTPStatus, detail: String) -> HTTPResponse {
        var body = Array("{\"detail\":".utf8)
        JSONText.appendQuoted(detail, to: &body)
        body.append(UInt8(ascii: "}"))
        return HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/json"],
            body: body
        )
    }
}

/// Minimal JSON string quoting for the server's own error bodies, which must not pull in
/// a JSON library.
enum JSONText {
    /// Appends `text` as a quoted JSON string, escaping quotes, backslashes and controls.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case ASCII.lineFeed: output.append(contentsOf: "\\n".utf8)
            case ASCII.carriageReturn: output.append(contentsOf: "\\r".utf8)
            case ASCII.tab: output.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                let digits = Array("0123456789abcdef".utf8)
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
