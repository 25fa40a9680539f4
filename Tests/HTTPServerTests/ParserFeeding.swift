import Testing

@testable import HTTPServer

/// A comparable summary of one parser event, so tests can compare whole event lists.
enum ParsedEvent: Equatable, CustomStringConvertible {
    case continueExpected
    case request(RequestSummary)
    case failure(HTTPServerError)

    var description: String {
        switch self {
        case .continueExpected: "continue"
        case .request(let summary): "request(\(summary))"
        case .failure(let error): "failure(\(error))"
        }
    }
}

/// The parts of a parsed request the tests look at.
struct RequestSummary: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var version: HTTPVersion
    var headers: [String]
    var body: String
    var keepAlive: Bool

    var description: String {
        "\(method) \(target) \(version) \(headers) body=\(body) keepAlive=\(keepAlive)"
    }
}

/// Feeds bytes to a fresh parser in the given pieces and collects every event, stopping
/// after a failure, the way a connection drives it.
func parse(
    _ pieces: [ArraySlice<UInt8>],
    maxHeaderSize: Int = 16 * 1024,
    maxBodySize: Int = 1 << 20
) -> [ParsedEvent] {
    var parser = RequestParser(maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
    var events: [ParsedEvent] = []
    for piece in pieces {
        parser.append(contentsOf: piece)
        while true {
            switch parser.next() {
            case .needMoreData:
                break
            case .continueExpected:
                events.append(.continueExpected)
                continue
            case .request(let request, let keepAlive):
                events.append(
                    .request(
                        RequestSummary(
                            method: request.method.rawValue,
                            target: request.target,
                            version: request.version,
                            headers: request.headers.map { "\($0.name): \($0.value)" },
                            body: String(decoding: request.body, as: UTF8.self),
                            keepAlive: keepAlive
                        )
                    )
                )
                continue
            case .failure(let error):
                events.append(.failure(error))
                return events
            }
            break
        }
    }
    return events
}

/// The events for `text` fed all at once, after checking that feeding it byte by byte and
/// split in two at every position gives the same events.
func parseEverySplit(
    _ text: String,
    maxHeaderSize: Int = 16 * 1024,
    maxBodySize: Int = 1 << 20,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [ParsedEvent] {
    let bytes = Array(text.utf8)
    let whole = parse([bytes[...]], maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)

    let single = bytes.indices.map { bytes[$0...$0] }
    let byteByByte = parse(single, maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
    #expect(byteByByte == whole, "byte by byte", sourceLocation: sourceLocation)

    for split in 1..<max(bytes.count, 1) {
        let pieces = [bytes[..<split], bytes[split...]]
        let events = parse(pieces, maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
        #expect(events == whole, "split at \(split)", sourceLocation: sourceLocation)
        if events != whole { break }
    }
    return whole
}
