import BodyParsing
import LeadsDomain

@testable import HTTPServer

/// Entry points that feed arbitrary bytes to the parsers that read untrusted input. Each
/// one also checks a property that must hold for any input (a round trip, an agreement
/// between two ways of feeding), and traps when it does not, so the fuzzer reports it.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The HTTP/1.1 request parser, fed whole and in two pieces.
    case httpRequest = "http-request"
    /// The JSON parser, with a serialise-and-parse-again round trip.
    case json
    /// The urlencoded form parser.
    case urlencoded
    /// The multipart form parser; the first line of the input is the boundary.
    case multipart
    /// Python-compatible decimal parsing and two-place rounding.
    case decimal
    /// `YYYY-MM-DD` dates.
    case date
    /// ISO 8601 date-times.
    case datetime
    /// The whole lead validation over a JSON body.
    case leadBody = "lead-body"

    /// Runs one input through the target.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .httpRequest: Self.httpRequest(bytes)
        case .json: Self.json(bytes)
        case .urlencoded: _ = try? URLEncodedFormParser.parse(bytes)
        case .multipart: Self.multipart(bytes)
        case .decimal: Self.decimal(bytes)
        case .date: Self.date(bytes)
        case .datetime: Self.dateTime(bytes)
        case .leadBody: Self.leadBody(bytes)
        }
    }

    private static func httpRequest(_ bytes: [UInt8]) {
        let whole = events(feeding: [bytes[...]])
        let middle = bytes.count / 2
        let split = events(feeding: [bytes[..<middle], bytes[middle...]])
        precondition(whole == split, "parser results depend on how the bytes were split")
    }

    /// A summary of everything the parser reported until it needed more data or failed.
    private static func events(feeding pieces: [ArraySlice<UInt8>]) -> [String] {
        var parser = RequestParser(maxHeaderSize: 16 * 1024, maxBodySize: 64 * 1024)
        var summary: [String] = []
        var finished = false
        for piece in pieces where !finished {
            parser.append(contentsOf: piece)
            var steps = 0
            loop: while steps < 1000 {
                steps += 1
                switch parser.next() {
                case .needMoreData:
                    break loop
                case .continueExpected:
                    continue
                case .request(let request, let keepAlive):
                    summary.append(
                        "\(request.method.rawValue) \(request.target) \(request.body.count) "
                            + "\(keepAlive)"
                    )
                    if !keepAlive {
                        finished = true
                        break loop
                    }
                case .failure(let error):
                    summary.append("failure \(error.response.status.code)")
                    finished = true
                    break loop
                }
            }
        }
        return summary
    }

    private static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        let written = JSONWriter.serialize(value)
        let again = try? JSONParser.parse(written)
        precondition(again == value, "JSON did not survive a round trip")
    }

    private static func multipart(_ bytes: [UInt8]) {
        let newline = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let boundary = String(decoding: bytes[..<newline], as: UTF8.self)
        let body = Array(bytes[min(bytes.count, newline + 1)...])
        _ = try? MultipartParser.parse(body, boundary: boundary.isEmpty ? "b" : boundary)
    }

    private static func decimal(_ bytes: [UInt8]) {
        guard let number = DecimalNumber.parse(String(decoding: bytes, as: UTF8.self)) else {
            return
        }
        guard number.wholeDigitCount <= 40 else { return }
        let text = number.formatted(places: 2)
        let reparsed = DecimalNumber.parse(text)
        precondition(reparsed?.formatted(places: 2) == text, "decimal formatting is unstable")
    }

    private static func date(_ bytes: [UInt8]) {
        guard let date = CalendarDate.parse(String(decoding: bytes, as: UTF8.self)) else { return }
        precondition(CalendarDate.parse(date.isoText) == date, "date text does not round trip")
    }

    private static func dateTime(_ bytes: [UInt8]) {
        guard let value = UTCDateTime.parse(String(decoding: bytes, as: UTF8.self)) else {
            return
        }
        precondition(UTCDateTime.parse(value.isoText) == value, "date-time does not round trip")
    }

    private static func leadBody(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        let lookup = ReferenceLookup(
            salesStageExists: { $0 == "stage-new" },
            clientExists: { $0 == "client-acme" },
            uniqueIDTaken: { $0 == "taken" }
        )
        for mode in [WriteMode.create, .fullUpdate, .partialUpdate] {
            if case .success(let changes) = LeadValidator.validate(
                .json(value),
                mode: mode,
                lookup: lookup
            ) {
                let estimated = changes.estimatedValue.newValue ?? nil
                let probability = changes.winProbability.newValue ?? nil
                _ = WeightedValue.compute(estimatedValue: estimated, winProbability: probability)
            }
        }
    }
}
