/// Turns the bytes of a complete request head (request line and header lines, each ended
/// by CRLF, without the final blank line) into a `RequestHead`, applying the framing rules
/// that keep request smuggling out: one Content-Length value, never together with
/// Transfer-Encoding, chunked as the only transfer coding, and exactly one Host.
enum RequestHeadParser {
    /// Parses a head; `head` holds the request line and header lines, each ended by CRLF.
    /// A path listed in `bodySizeLimits` gets its own body limit instead of `maxBodySize`.
    static func parse(
        _ head: UnsafeBufferPointer<UInt8>,
        maxBodySize: Int,
        bodySizeLimits: [String: Int] = [:]
    ) -> Result<RequestHead, HTTPServerError> {
        var lines = LineIterator(bytes: head)
        guard let requestLine = lines.next() else {
            return .failure(.malformedRequest(reason: "Invalid request line."))
        }
        let start: (HTTPMethod, RequestTarget, HTTPVersion)
        switch parseRequestLine(requestLine) {
        case .success(let parsed): start = parsed
        case .failure(let error): return .failure(error)
        }

        var headers = HTTPHeaders()
        var fields = FramingFields()
        while let line = lines.next() {
            switch parseHeaderLine(line) {
            case .success(let (name, value)):
                fields.note(name: name, value: value)
                headers.add(
                    name: String(decoding: name, as: UTF8.self),
                    value: String(decoding: value, as: UTF8.self)
                )
            case .failure(let error):
                return .failure(error)
            }
        }

        let version = start.2
        if version == .http1_1 && fields.hasUnsupportedExpectation {
            return .failure(.unsupportedExpectation)
        }
        let path =
            start.1.originForm.split(separator: "?", maxSplits: 1).first
            .map(String.init) ?? ""
        let limit = bodySizeLimits[path] ?? maxBodySize
        let framing: BodyFraming
        switch fields.framing(maxBodySize: limit) {
        case .success(let decided): framing = decided
        case .failure(let error): return .failure(error)
        }
        if let problem = fields.hostProblem(version: version) {
            return .failure(problem)
        }
        if let authority = start.1.authority {
            headers.set(name: "Host", value: authority)
        }
        return .success(
            RequestHead(
                method: start.0,
                target: start.1.originForm,
                version: version,
                headers: headers,
                framing: framing,
                keepAlive: fields.keepAlive(version: version),
                expectsContinue: version == .http1_1 && fields.expectsContinue
                    && framing != .none,
                maxBodySize: limit
            )
        )
    }

    /// Parses `method SP request-target SP HTTP-version`. The version is checked first so
    /// anything claiming another protocol (including the HTTP/2 preface) gets 505.
    static func parseRequestLine(
        _ line: UnsafeBufferPointer<UInt8>.SubSequence
    ) -> Result<(HTTPMethod, RequestTarget, HTTPVersion), HTTPServerError> {
        let invalid = HTTPServerError.malformedRequest(reason: "Invalid request line.")
        guard let firstSpace = line.firstIndex(of: ASCII.space) else { return .failure(invalid) }
        let afterMethod = line[(firstSpace + 1)...]
        guard let secondSpace = afterMethod.firstIndex(of: ASCII.space) else {
            return .failure(invalid)
        }
        let methodBytes = line[..<firstSpace]
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        let versionBytes = line[(secondSpace + 1)...]

        guard let version = parseVersion(versionBytes) else {
            if versionBytes.starts(with: "HTTP/".utf8), versionBytes.count > 5,
                versionBytes.dropFirst(5).allSatisfy({
                    ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
                })
            {
                return .failure(.unsupportedVersion)
            }
            return .failure(invalid)
        }
        guard version == .http1_1 || version == .http1_0 else {
            return .failure(.unsupportedVersion)
        }

        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isTokenCharacter) else {
            return .failure(.malformedRequest(reason: "Invalid request method."))
        }
        guard let target = RequestTarget.parse(targetBytes) else {
            return .failure(.malformedRequest(reason: "Invalid request target."))
        }

        return .success(
            (
                HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self)),
                target,
                version
            )
        )
    }

    /// Reads the method and path from the start of a request head that may be incomplete
    /// or invalid: the method once a valid token is followed by a space, the path once the
    /// whole request line is valid.
    static func partialRequestLine(
        _ bytes: UnsafeBufferPointer<UInt8>.SubSequence
    ) -> PartialRequestLine {
        let lineEnd =
            bytes.firstIndex { $0 == ASCII.carriageReturn || $0 == ASCII.lineFeed }
            ?? bytes.endIndex
        let line = bytes[..<lineEnd]

        if case .success(let (method, target, _)) = parseRequestLine(line) {
            return PartialRequestLine(
                method: method,
                path: PartialRequestLine.path(target.originForm)
            )
        }
        guard let space = line.firstIndex(of: ASCII.space) else { return PartialRequestLine() }
        let methodBytes = line[..<space]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isTokenCharacter) else {
            return PartialRequestLine()
        }
        return PartialRequestLine(
            method: HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self))
        )
    }

    /// Reads `HTTP/x.y` with one digit on each side, or nil.
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> HTTPVersion? {
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8) else { return nil }
        let major = bytes[bytes.startIndex + 5]
        let dot = bytes[bytes.startIndex + 6]
        let minor = bytes[bytes.startIndex + 7]
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard digits.contains(major), dot == UInt8(ascii: "."), digits.contains(minor) else {
            return nil
        }
        return HTTPVersion(
            major: Int(major - digits.lowerBound),
            minor: Int(minor - digits.lowerBound)
        )
    }

    /// Splits `name: value` and checks both: the name is a token with no space before the
    /// colon; the value has no control characters other than tab. A line that starts with
    /// whitespace is obsolete line folding, which is rejected.
    static func parseHeaderLine(
        _ line: UnsafeBufferPointer<UInt8>.SubSequence
    ) -> Result<
        (UnsafeBufferPointer<UInt8>.SubSequence, UnsafeBufferPointer<UInt8>.SubSequence),
        HTTPServerError
    > {
        if let first = line.first, first == ASCII.space || first == ASCII.tab {
            return .failure(.malformedRequest(reason: "Obsolete line folding is not allowed."))
        }
        guard let colon = line.firstIndex(of: ASCII.colon) else {
            return .failure(.malformedRequest(reason: "Invalid header line."))
        }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(ASCII.isTokenCharacter) else {
            return .failure(.malformedRequest(reason: "Invalid header name."))
        }
        let value = ASCII.trimmingWhitespace(line[(colon + 1)...])
        if value.contains(where: { ($0 < 0x20 && $0 != ASCII.tab) || $0 == 0x7F }) {
            return .failure(.malformedRequest(reason: "Invalid character in header value."))
        }
        return .success((name, value))
    }
}

/// Iterates over CRLF-terminated lines, yielding each without its CRLF. The head has
/// already been checked for bare line feeds, so only CRLF ends a line here.
struct LineIterator: IteratorProtocol {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func next() -> UnsafeBufferPointer<UInt8>.SubSequence? {
        guard position < bytes.count else { return nil }
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == ASCII.carriageReturn && bytes[index + 1] == ASCII.lineFeed {
                let line = bytes[position..<index]
                position = index + 2
                return line
            }
            index += 1
        }
        let line = bytes[position..<bytes.count]
        position = bytes.count
        return line
    }
}
