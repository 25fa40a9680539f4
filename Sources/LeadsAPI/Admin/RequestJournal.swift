import BodyParsing
import HTTPServer
import Synchronization

/// The most recent requests, kept in memory for tests to inspect what their client sent,
/// with credentials and secrets redacted before anything is stored.
final class RequestJournal: Sendable {
    /// How many entries are kept; the oldest are dropped first.
    let capacity: Int
    /// Request bodies are cut to this many bytes.
    static let bodyLimit = 4096
    /// The text that replaces a secret.
    static let redacted = "[redacted]"

    private static let secretHeaders: Set<String> = [
        "authorization", "cookie", "proxy-authorization", "x-csrftoken",
    ]
    private static let secretFields: Set<String> = [
        "password", "password_hash", "csrfmiddlewaretoken", "token",
    ]

    private struct State {
        var entries: [JournalEntry] = []
        var nextID = 1
    }
    private let state = Mutex(State())

    /// Creates an empty journal keeping up to `capacity` entries.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Records one answered request.
    func record(_ request: HTTPRequest, status: Int, durationMilliseconds: Double, at time: Double)
    {
        guard capacity > 0 else { return }

        let truncated = request.body.count > Self.bodyLimit
        let body = request.body.isEmpty ? nil : Self.redactedBody(request)
        var headers: [(String, String)] = []
        for (name, value) in request.headers {
            let secret = Self.secretHeaders.contains(name.lowercased())
            headers.append((name, secret ? Self.redacted : value))
        }
        state.withLock { state in
            state.entries.append(
                JournalEntry(
                    id: state.nextID, timestamp: time, method: request.method.rawValue,
                    path: request.path, query: request.query.map(Self.redactedQuery),
                    status: status, durationMilliseconds: durationMilliseconds,
                    requestID: request.requestID, headers: headers, body: body,
                    bodyTruncated: truncated
                )
            )
            state.nextID += 1
            if state.entries.count > capacity {
                state.entries.removeFirst(state.entries.count - capacity)
            }
        }
    }

    /// Entries matching `filter`, newest first.
    func entries(matching filter: JournalFilter) -> [JournalEntry] {
        let all = state.withLock { $0.entries }
        return Array(all.reversed().filter(filter.matches).prefix(filter.limit))
    }

    /// Forgets every entry.
    func clear() {
        state.withLock { $0.entries.removeAll() }
    }

    /// The body as text with secret fields blanked, cut to the limit.
    static func redactedBody(_ request: HTTPRequest) -> String {
        let contentType = request.headers["Content-Type"].flatMap(MediaType.parse)
        var bytes = request.body
        switch contentType?.essence {
        case "application/json":
            if var value = try? JSONParser.parse(bytes) {
                redact(&value)
                bytes = JSONWriter.serialize(value)
            }
        case "application/x-www-form-urlencoded":
            bytes = Array(redactedQuery(String(decoding: bytes, as: UTF8.self)).utf8)
        case "multipart/form-data":
            if let boundary = contentType?.parameter("boundary"),
                let form = try? MultipartParser.parse(bytes, boundary: boundary)
            {
                let fields = form.fields.map { field in
                    secretFields.contains(field.name) ? (field.name, redacted) : field
                }
                bytes = Array(
                    fields.map { "\($0.0)=\($0.1)" }.joined(separator: "&").utf8
                )
            }
        default:
            break
        }
        return String(decoding: bytes.prefix(bodyLimit), as: UTF8.self)
    }

    /// A query or form text with the values of secret fields replaced.
    static func redactedQuery(_ text: String) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let decoded = URLEncodedFormParser.decodeComponent(Substring(name))
            return secretFields.contains(decoded) ? "\(name)=\(redacted)" : String(pair)
        }.joined(separator: "&")
    }

    private static func redact(_ value: inout JSONValue) {
        switch value {
        case .object(var object):
            for key in object.keys {
                if secretFields.contains(key) {
                    object[key] = .string(redacted)
                } else if var nested = object[key] {
                    redact(&nested)
                    object[key] = nested
                }
            }
            value = .object(object)
        case .array(var elements):
            for index in elements.indices { redact(&elements[index]) }
            value = .array(elements)
        default:
            break
        }
    }
}

/// One journal line.
struct JournalEntry: Sendable {
    var id: Int
    /// Seconds since the epoch when the response was sent.
    var timestamp: Double
    var method: String
    var path: String
    var query: String?
    var status: Int
    var durationMilliseconds: Double
    var requestID: String
    var headers: [(String, String)]
    var body: String?
    var bodyTruncated: Bool
}

/// The journal's query filters.
struct JournalFilter: Sendable {
    var method: String?
    var path: String?
    var status: Int?
    /// Seconds since the epoch; only later entries match.
    var since: Double?
    var limit = 100

    /// Whether `entry` passes every filter that is set.
    func matches(_ entry: JournalEntry) -> Bool {
        if let method, entry.method != method.uppercased() { return false }
        if let path, entry.path != path { return false }
        if let status, entry.status != status { return false }
        if let since, entry.timestamp < since { return false }
        return true
    }
}
