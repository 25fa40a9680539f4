/// Serialises a response into the connection's output buffer: status line, the handler's
/// fields, then the framing fields the server owns, and the body, all in one buffer so
/// small responses leave in one `send`.
struct ResponseWriter {
    /// The bytes of the `Server` field value.
    static let serverName = Array("leads-server".utf8)

    /// What the response is answering and how the connection continues.
    struct Context {
        /// Whether the request was HEAD, so the body is left out but its length kept.
        var isHead: Bool
        /// The id echoed in `X-Request-Id`.
        var requestID: String
        /// Whether the connection stays open after this response.
        var keepAlive: Bool
        /// Whether the request was HTTP/1.0, which needs `Connection: keep-alive` to stay open.
        var isHTTP10: Bool
        /// The current `Date` value.
        var date: [UInt8]
    }

    /// Appends the response to `output` and returns how many body bytes were included.
    static func write(
        _ response: HTTPResponse,
        context: Context,
        into output: inout [UInt8]
    ) -> Int {
        let status = response.status
        let mayHaveBody = !status.forbidsBody
        output.reserveCapacity(output.count + 256 + (context.isHead ? 0 : response.body.count))

        output.append(contentsOf: "HTTP/1.1 ".utf8)
        ASCII.appendDecimal(status.code, to: &output)
        output.append(ASCII.space)
        appendSanitised(status.reasonPhrase.utf8, to: &output)
        appendLineEnd(to: &output)

        var hasDate = false
        var declaredLength: Int?
        for (name, value) in response.headers {
            switch ServerOwnedField(name) {
            case .contentLength:
                declaredLength = Int(value)
                continue
            case .owned:
                continue
            case .date:
                hasDate = true
            case .none:
                break
            }
            guard name.utf8.allSatisfy(ASCII.isTokenCharacter), !name.isEmpty else { continue }
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: ": ".utf8)
            appendSanitised(value.utf8, to: &output)
            appendLineEnd(to: &output)
        }

        if mayHaveBody {
            var length = response.body.count
            if context.isHead && response.body.isEmpty, let declaredLength, declaredLength >= 0 {
                length = declaredLength
            }
            output.append(contentsOf: "Content-Length: ".utf8)
            ASCII.appendDecimal(length, to: &output)
            appendLineEnd(to: &output)
        }
        if !hasDate {
            output.append(contentsOf: "Date: ".utf8)
            output.append(contentsOf: context.date)
            appendLineEnd(to: &output)
        }
        output.append(contentsOf: "Server: ".utf8)
        output.append(contentsOf: serverName)
        appendLineEnd(to: &output)
        output.append(contentsOf: "X-Request-Id: ".utf8)
        output.append(contentsOf: context.requestID.utf8)
        appendLineEnd(to: &output)
        if !context.keepAlive {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if context.isHTTP10 {
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        appendLineEnd(to: &output)

        guard mayHaveBody && !context.isHead else { return 0 }
        output.append(contentsOf: response.body)
        return response.body.count
    }

    /// The interim response sent before reading a body the client is holding back.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Copies a field value, replacing CR, LF and NUL with spaces so text that reached a
    /// header from user input can never split the response.
    private static func appendSanitised(_ bytes: String.UTF8View, to output: inout [UInt8]) {
        for byte in bytes {
            output.append(
                byte == ASCII.carriageReturn || byte == ASCII.lineFeed || byte == 0
                    ? ASCII.space : byte
            )
        }
    }

    @inline(__always)
    private static func appendLineEnd(to output: inout [UInt8]) {
        output.append(ASCII.carriageReturn)
        output.append(ASCII.lineFeed)
    }
}

/// Response fields the server sets itself; a handler's own values for these are dropped
/// (except `Date`, which a handler may set, and `Content-Length` on HEAD responses).
enum ServerOwnedField {
    case contentLength
    case date
    case owned
    case none

    init(_ name: String) {
        let bytes = name.utf8
        switch bytes.count {
        case 4 where ASCII.equalsIgnoringCase(bytes, "date".utf8): self = .date
        case 6 where ASCII.equalsIgnoringCase(bytes, "server".utf8): self = .owned
        case 10 where ASCII.equalsIgnoringCase(bytes, "connection".utf8): self = .owned
        case 10 where ASCII.equalsIgnoringCase(bytes, "keep-alive".utf8): self = .owned
        case 12 where ASCII.equalsIgnoringCase(bytes, "x-request-id".utf8): self = .owned
        case 14 where ASCII.equalsIgnoringCase(bytes, "content-length".utf8): self = .contentLength
        case 17 where ASCII.equalsIgnoringCase(bytes, "transfer-encoding".utf8): self = .owned
        default: self = .none
        }
    }
}
