/// The header fields that decide how a request is framed and whether the connection
/// stays open, gathered while the header lines are parsed.
struct FramingFields {
    private var contentLength: Int?
    private var contentLengthConflict = false
    private var contentLengthInvalid = false
    private var transferCodings: [ArraySlice<UInt8>] = []
    private var hasTransferEncoding = false
    private var connectionClose = false
    private var connectionKeepAlive = false
    /// Whether `Expect: 100-continue` was sent.
    private(set) var expectsContinue = false
    /// Whether an `Expect` value other than `100-continue` was sent.
    private(set) var hasUnsupportedExpectation = false
    /// How many `Host` fields were sent; HTTP/1.1 requires exactly one.
    private(set) var hostCount = 0
    /// Whether a `Host` value holds characters no host and port can contain.
    private(set) var hostInvalid = false

    /// Looks at one header field; names not about framing are ignored cheaply.
    mutating func note(
        name: UnsafeBufferPointer<UInt8>.SubSequence,
        value: UnsafeBufferPointer<UInt8>.SubSequence
    ) {
        switch name.count {
        case 14 where ASCII.equalsIgnoringCase(name, "content-length".utf8):
            noteContentLength(value)
        case 17 where ASCII.equalsIgnoringCase(name, "transfer-encoding".utf8):
            hasTransferEncoding = true
            for coding in value.split(separator: UInt8(ascii: ",")) {
                let trimmed = ASCII.trimmingWhitespace(coding)
                if !trimmed.isEmpty { transferCodings.append(ArraySlice(trimmed)) }
            }
        case 10 where ASCII.equalsIgnoringCase(name, "connection".utf8):
            for token in value.split(separator: UInt8(ascii: ",")) {
                let trimmed = ASCII.trimmingWhitespace(token)
                if ASCII.equalsIgnoringCase(trimmed, "close".utf8) { connectionClose = true }
                if ASCII.equalsIgnoringCase(trimmed, "keep-alive".utf8) {
                    connectionKeepAlive = true
                }
            }
        case 4 where ASCII.equalsIgnoringCase(name, "host".utf8):
            hostCount += 1
            if !value.allSatisfy(ASCII.isAuthorityCharacter) { hostInvalid = true }
        case 6 where ASCII.equalsIgnoringCase(name, "expect".utf8):
            if ASCII.equalsIgnoringCase(value, "100-continue".utf8) {
                expectsContinue = true
            } else {
                hasUnsupportedExpectation = true
            }
        default:
            break
        }
    }

    /// A Content-Length field may list the same number several times (`5, 5`); any other
    /// difference, or anything but digits, makes the request unreadable.
    private mutating func noteContentLength(_ value: UnsafeBufferPointer<UInt8>.SubSequence) {
        let parts = value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        for part in parts {
            let digits = ASCII.trimmingWhitespace(part)
            guard !digits.isEmpty, digits.count <= 18,
                digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else {
                contentLengthInvalid = true
                return
            }
            let number = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            if let existing = contentLength, existing != number {
                contentLengthConflict = true
            }
            contentLength = number
        }
    }

    /// How the body is delimited, or the reason the request cannot be read safely.
    func framing(maxBodySize: Int) -> Result<BodyFraming, HTTPServerError> {
        if contentLengthInvalid {
            return .failure(.malformedRequest(reason: "Invalid Content-Length header."))
        }
        if contentLengthConflict {
            return .failure(
                .malformedRequest(reason: "Request has conflicting Content-Length values.")
            )
        }
        if hasTransferEncoding {
            guard contentLength == nil else {
                return .failure(
                    .malformedRequest(
                        reason: "Request has both Content-Length and Transfer-Encoding."
                    )
                )
            }
            guard transferCodings.count == 1,
                ASCII.equalsIgnoringCase(transferCodings[0], "chunked".utf8)
            else {
                return .failure(
                    .malformedRequest(
                        reason: "Transfer-Encoding other than chunked is not supported."
                    )
                )
            }
            return .success(.chunked)
        }
        guard let contentLength else { return .success(.none) }
        guard contentLength <= maxBodySize else {
            return .failure(.bodyTooLarge(limit: maxBodySize))
        }
        return .success(contentLength == 0 ? .none : .length(contentLength))
    }

    /// Why the `Host` fields make the request unanswerable, or nil when they are fine:
    /// RFC 9112 section 3.2 asks for 400 when an HTTP/1.1 request has none, and for any
    /// request with more than one or with a value that is not a host.
    func hostProblem(version: HTTPVersion) -> HTTPServerError? {
        if hostCount > 1 {
            return .malformedRequest(reason: "Request has more than one Host header.")
        }
        if hostCount == 0 && version == .http1_1 {
            return .malformedRequest(reason: "Request has no Host header.")
        }
        if hostInvalid {
            return .malformedRequest(reason: "Invalid Host header.")
        }
        return nil
    }

    /// HTTP/1.1 persists unless `close` is listed; HTTP/1.0 only when `keep-alive` is and
    /// `close` is not.
    func keepAlive(version: HTTPVersion) -> Bool {
        if connectionClose { return false }
        if version == .http1_1 { return true }
        return connectionKeepAlive
    }
}
