/// What the parser found after being fed bytes.
enum RequestParserEvent {
    /// The buffered bytes do not complete anything yet.
    case needMoreData
    /// A head with `Expect: 100-continue` arrived and its body is acceptable: the server
    /// should send `100 Continue` now. Reported once per request, before the body.
    case continueExpected
    /// A complete request, with whether the connection may carry another one.
    case request(HTTPRequest, keepAlive: Bool)
    /// The request cannot be served; answer `error.response` and close the connection.
    /// Every later call reports the same error.
    case failure(HTTPServerError)
}

/// How far into a request the parser is, which decides which timeout applies.
enum RequestParserPhase: Equatable {
    /// Nothing of the next request has arrived.
    case idle
    /// Part of a request head has arrived.
    case head
    /// The head is complete and the body is being received.
    case body
}

/// An HTTP/1.1 request parser as a pure state machine: bytes go in with `append`, events
/// come out of `next()`, and no file descriptor is involved, so it can be tested with
/// any split of the input. Requests pipelined in one read come out one per `next()` call;
/// the caller decides when to ask for the next, which keeps responses in order.
///
/// Lines must end with CRLF; a bare LF is rejected with 400 everywhere (head, chunk sizes,
/// trailers), so all parts of the parser agree on where a line ends.
struct RequestParser {
    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPServerError)
    }

    /// The longest chunk-size line (size and extensions) accepted.
    static let maxChunkLineLength = 4096

    private let maxHeaderSize: Int
    private let maxBodySize: Int
    private let bodySizeLimits: [String: Int]
    private var state = State.head
    private var buffer: [UInt8] = []
    /// Start of the bytes not consumed yet.
    private var readIndex = 0
    /// Where the search for the end of the head resumes, so slow clients cost linear time.
    private var scanIndex = 0
    /// Start of the head line being scanned.
    private var lineStart = 0
    /// Bytes of blank lines skipped before the request line (RFC 9112 allows them); they
    /// count against the head limit.
    private var skippedBytes = 0
    private var head: RequestHead?
    /// Where the head that failed to parse started, so its request line can still be read.
    private var failedHeadStart: Int?
    private var body: [UInt8] = []
    private var trailerBytes = 0
    private var continueReported = false

    /// Creates a parser that enforces the given limits; a path in `bodySizeLimits` gets
    /// its own body limit.
    init(maxHeaderSize: Int, maxBodySize: Int, bodySizeLimits: [String: Int] = [:]) {
        self.maxHeaderSize = maxHeaderSize
        self.maxBodySize = maxBodySize
        self.bodySizeLimits = bodySizeLimits
    }

    /// Where the parser is in the current request.
    var phase: RequestParserPhase {
        switch state {
        case .head: readIndex < buffer.count || skippedBytes > 0 ? .head : .idle
        case .failed: .idle
        default: .body
        }
    }

    /// What is known of the request now being received or refused: from its head once
    /// that is parsed, otherwise from as much of its request line as has arrived. The
    /// server uses it to answer a refused HEAD without a body and to log the refusal.
    var partialRequestLine: PartialRequestLine {
        if let head {
            return PartialRequestLine(
                method: head.method,
                path: PartialRequestLine.path(head.target)
            )
        }
        let start = failedHeadStart ?? readIndex
        guard start < buffer.count else { return PartialRequestLine() }
        return buffer.withUnsafeBufferPointer { bytes in
            RequestHeadParser.partialRequestLine(bytes[start...])
        }
    }

    /// Adds received bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes.
    mutating func append<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes) {
        buffer.append(contentsOf: bytes)
    }

    /// Parses as far as the buffered bytes allow and reports the next event.
    mutating func next() -> RequestParserEvent {
        while true {
            let step: Step
            switch state {
            case .failed(let error): return .failure(error)
            case .head: step = parseHead()
            case .fixedBody(let remaining): step = readBody(remaining: remaining, chunked: false)
            case .chunkSize: step = parseChunkSize()
            case .chunkData(let remaining): step = readBody(remaining: remaining, chunked: true)
            case .chunkDataEnd: step = parseChunkDataEnd()
            case .trailers: step = parseTrailers()
            }

            switch step {
            case .continue: continue
            case .needMoreData:
                compact()
                return .needMoreData
            case .event(let event): return event
            case .fail(let error):
                state = .failed(error)
                return .failure(error)
            }
        }
    }

    /// The outcome of one parsing step.
    private enum Step {
        case `continue`
        case needMoreData
        case event(RequestParserEvent)
        case fail(HTTPServerError)
    }

    private mutating func parseHead() -> Step {
        guard let headEnd = findHeadEnd() else {
            if case .failed(let error) = state { return .fail(error) }
            if buffer.count - readIndex + skippedBytes > maxHeaderSize {
                return .fail(.headerFieldsTooLarge)
            }
            return .needMoreData
        }
        guard headEnd - readIndex + skippedBytes <= maxHeaderSize else {
            return .fail(.headerFieldsTooLarge)
        }

        let headStart = readIndex
        let parsed = buffer.withUnsafeBufferPointer { bytes in
            RequestHeadParser.parse(
                UnsafeBufferPointer(rebasing: bytes[readIndex..<(headEnd - 2)]),
                maxBodySize: maxBodySize,
                bodySizeLimits: bodySizeLimits
            )
        }
        readIndex = headEnd
        scanIndex = headEnd
        lineStart = headEnd
        skippedBytes = 0

        switch parsed {
        case .failure(let error):
            failedHeadStart = headStart
            return .fail(error)
        case .success(let parsedHead):
            head = parsedHead
            switch parsedHead.framing {
            case .none: return .event(completeRequest())
            case .length(let length):
                body.reserveCapacity(length)
                state = .fixedBody(remaining: length)
            case .chunked: state = .chunkSize
            }
            if parsedHead.expectsContinue && !continueReported {
                continueReported = true
                return .event(.continueExpected)
            }
            return .continue
        }
    }

    /// Scans for the blank line ending the head; returns the index just past it. A bare LF
    /// puts the parser in the failed state.
    private mutating func findHeadEnd() -> Int? {
        let count = buffer.count
        var index = scanIndex
        let result: Int? = buffer.withUnsafeBufferPointer { bytes in
            while index < count {
                if bytes[index] != ASCII.lineFeed {
                    index += 1
                    continue
                }
                guard index > readIndex, bytes[index - 1] == ASCII.carriageReturn else {
                    return -1
                }
                if index - 1 == lineStart {
                    guard lineStart == readIndex else { return index + 1 }
                    readIndex = index + 1
                    skippedBytes += 2
                }
                lineStart = index + 1
                index += 1
            }
            return nil
        }
        scanIndex = index
        if result == -1 {
            state = .failed(.malformedRequest(reason: "Invalid line ending, expected CRLF."))
            return nil
        }
        return result
    }

    private mutating func readBody(remaining: Int, chunked: Bool) -> Step {
        let available = buffer.count - readIndex
        guard available > 0 else { return .needMoreData }

        let taken = min(available, remaining)
        body.append(contentsOf: buffer[readIndex..<(readIndex + taken)])
        readIndex += taken
        let left = remaining - taken
        if left > 0 {
            state = chunked ? .chunkData(remaining: left) : .fixedBody(remaining: left)
            return .needMoreData
        }
        if chunked {
            state = .chunkDataEnd
            return .continue
        }
        return .event(completeRequest())
    }

    private mutating func parseChunkSize() -> Step {
        guard let lineEnd = findLineEnd(limit: RequestParser.maxChunkLineLength) else {
            if case .failed(let error) = state { return .fail(error) }
            if buffer.count - readIndex > RequestParser.maxChunkLineLength {
                return .fail(.malformedRequest(reason: "Invalid chunk size line."))
            }
            return .needMoreData
        }

        var size = 0
        var digits = 0
        var index = readIndex
        while index < lineEnd, let value = ASCII.hexValue(buffer[index]) {
            size = size << 4 | Int(value)
            digits += 1
            index += 1
        }
        while index < lineEnd, buffer[index] == ASCII.space || buffer[index] == ASCII.tab {
            index += 1
        }
        let extensionsValid =
            index == lineEnd
            || (buffer[index] == UInt8(ascii: ";")
                && buffer[index..<lineEnd].allSatisfy { $0 >= 0x20 || $0 == ASCII.tab })
        guard digits > 0, digits <= 15, extensionsValid else {
            return .fail(.malformedRequest(reason: "Invalid chunk size."))
        }
        readIndex = lineEnd + 2

        if size == 0 {
            state = .trailers
            return .continue
        }
        let limit = head?.maxBodySize ?? maxBodySize
        guard body.count + size <= limit else {
            return .fail(.bodyTooLarge(limit: limit))
        }
        state = .chunkData(remaining: size)
        return .continue
    }

    private mutating func parseChunkDataEnd() -> Step {
        guard buffer.count - readIndex >= 2 else {
            if buffer.count > readIndex && buffer[readIndex] != ASCII.carriageReturn {
                return .fail(.malformedRequest(reason: "Chunk data not followed by CRLF."))
            }
            return .needMoreData
        }
        guard buffer[readIndex] == ASCII.carriageReturn,
            buffer[readIndex + 1] == ASCII.lineFeed
        else {
            return .fail(.malformedRequest(reason: "Chunk data not followed by CRLF."))
        }
        readIndex += 2
        state = .chunkSize
        return .continue
    }

    /// Reads trailer fields after the last chunk; they are checked and then dropped, so a
    /// trailer can never change how the request was framed or authenticated.
    private mutating func parseTrailers() -> Step {
        while true {
            guard let lineEnd = findLineEnd(limit: maxHeaderSize) else {
                if case .failed(let error) = state { return .fail(error) }
                if trailerBytes + buffer.count - readIndex > maxHeaderSize {
                    return .fail(.headerFieldsTooLarge)
                }
                return .needMoreData
            }
            trailerBytes += lineEnd + 2 - readIndex
            guard trailerBytes <= maxHeaderSize else { return .fail(.headerFieldsTooLarge) }

            if lineEnd == readIndex {
                readIndex += 2
                return .event(completeRequest())
            }
            let checked = buffer.withUnsafeBufferPointer { bytes in
                RequestHeadParser.parseHeaderLine(bytes[readIndex..<lineEnd]).map { _ in () }
            }
            if case .failure(let error) = checked { return .fail(error) }
            readIndex = lineEnd + 2
        }
    }

    /// The index of the CR of the next CRLF from `readIndex`, looking at most `limit`
    /// bytes ahead. A bare LF or CR puts the parser in the failed state.
    private mutating func findLineEnd(limit: Int) -> Int? {
        let end = min(buffer.count, readIndex + limit + 2)
        var index = readIndex
        while index < end {
            let byte = buffer[index]
            if byte == ASCII.lineFeed {
                state = .failed(.malformedRequest(reason: "Invalid line ending, expected CRLF."))
                return nil
            }
            if byte == ASCII.carriageReturn {
                guard index + 1 < buffer.count else { return nil }
                guard buffer[index + 1] == ASCII.lineFeed else {
                    state = .failed(
                        .malformedRequest(reason: "Invalid line ending, expected CRLF.")
                    )
                    return nil
                }
                return index
            }
            index += 1
        }
        return nil
    }

    /// Hands out the finished request and resets for the next one on the connection.
    private mutating func completeRequest() -> RequestParserEvent {
        let finished = head!
        let request = HTTPRequest(
            method: finished.method,
            target: finished.target,
            version: finished.version,
            headers: finished.headers,
            body: body
        )
        head = nil
        body = []
        trailerBytes = 0
        continueReported = false
        state = .head
        scanIndex = readIndex
        lineStart = readIndex
        compact()
        return .request(request, keepAlive: finished.keepAlive)
    }

    /// Drops consumed bytes so the buffer does not grow across requests, and gives back
    /// memory a large body left behind.
    private mutating func compact() {
        guard readIndex > 0 else { return }

        if readIndex == buffer.count {
            if buffer.capacity > 64 * 1024 {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
        } else if readIndex >= 16 * 1024 || readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex = max(0, scanIndex - readIndex)
        lineStart = max(0, lineStart - readIndex)
        readIndex = 0
    }
}
