import BodyParsing
import HTTPServer
import Locking

/// The most recent requests, kept in memory for tests to inspect what their client sent,
/// with credentials and secrets redacted before anything is stored.
final class RequestJournal: Sendable {
    /// How many entries are kept; the oldest are dropped first.
    let capacity: Int
    /// Request bodies are cut to this many bytes.
    static let bodyLimit = 4096
    /// The text that replaces a secret.
    static let redacted = "[redacted]"

    /// Headers carrying credentials under names that do not say so.
    private static let secretHeaders: Set<String> = [
        "authorization", "cookie", "proxy-authorization",
    ]
    /// Parts of a field, query or header name that mark its value as a secret, whatever
    /// the exact spelling (`password`, `new_password1`, `csrfmiddlewaretoken`, ...).
    private static let secretNameParts = [
        "password", "passwd", "csrf", "token", "secret", "apikey", "api-key", "api_key",
    ]
    /// The same parts as bytes, for a check that allocates nothing on every request.
    private static let secretNamePartBytes = secretNameParts.map { Array($0.utf8) }

    /// A ring of at most `capacity` entries: once full, the oldest is overwritten, so
    /// recording costs the same however many entries are kept.
    private struct State {
        var entries: [JournalEntry] = []
        /// Where the oldest entry is once the ring is full (and the next one goes).
        var oldest = 0
        var nextID = 1

        /// The entries from the oldest to the newest.
        var inOrder: [JournalEntry] {
            Array(entries[oldest...] + entries[..<oldest])
        }
    }
    private let state = Locked(State())

    /// Creates an empty journal keeping up to `capacity` entries.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Records one answered request, received at `time` (seconds since the epoch).
    func record(
        _ request: HTTPRequest,
        status: Int,
        durationMilliseconds: Double,
        receivedAt time: Double
    ) {
        guard capacity > 0 else { return }

        let body = request.body.isEmpty ? nil : Self.storedBody(request)
        let headers = Self.storedHeaders(request.headers)
        let query = request.query.map(Self.redactedQuery)
        state.withLock { state in
            let entry = JournalEntry(
                id: state.nextID,
                timestamp: time,
                method: request.method.rawValue,
                path: request.path,
                query: query,
                status: status,
                durationMilliseconds: durationMilliseconds,
                requestID: request.requestID,
                headers: headers,
                body: body?.text,
                bodyTruncated: body?.isTruncated ?? false
            )
            state.nextID += 1
            if state.entries.count < capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.oldest] = entry
                state.oldest = (state.oldest + 1) % capacity
            }
        }
    }

    /// Entries matching `filter`, newest first.
    func entries(matching filter: JournalFilter) -> [JournalEntry] {
        let all = state.withLock { $0.inOrder }
        return Array(all.reversed().filter(filter.matches).prefix(filter.limit))
    }

    /// Forgets every entry.
    func clear() {
        state.withLock { state in
            state.entries.removeAll()
            state.oldest = 0
        }
    }

    /// One entry per header name, in the order names first appear: the values of a
    /// repeated header joined with ", ", as HTTP allows, under the name as first sent;
    /// secrets replaced.
    static func storedHeaders(_ headers: HTTPHeaders) -> [(String, String)] {
        var stored: [(name: String, values: [String])] = []
        for (name, value) in headers {
            if let index = stored.firstIndex(where: { HTTPHeaders.namesMatch($0.name, name) }) {
                stored[index].values.append(value)
            } else {
                stored.append((name, [value]))
            }
        }
        return stored.map { name, values in
            (name, isSecretHeader(name) ? redacted : values.joined(separator: ", "))
        }
    }

    /// Whether the value of the field or parameter `name` is a secret.
    /// Letters are compared without regard to ASCII case, as names like `X-CSRFToken`
    /// and `Password` are spelled every way.
    static func isSecretName(_ name: String) -> Bool {
        secretNamePartBytes.contains { part in containsIgnoringCase(name.utf8, part) }
    }

    /// Whether the header `name` carries credentials.
    static func isSecretHeader(_ name: String) -> Bool {
        secretHeaders.contains { HTTPHeaders.namesMatch($0, name) } || isSecretName(name)
    }

    /// Whether `text` contains `lowercasePart` with ASCII letters in any case.
    private static func containsIgnoringCase<Text: Collection<UInt8>>(
        _ text: Text,
        _ lowercasePart: [UInt8]
    ) -> Bool {
        var start = text.startIndex
        while text.distance(from: start, to: text.endIndex) >= lowercasePart.count {
            var position = start
            var matched = true
            for expected in lowercasePart {
                if lowercased(text[position]) != expected {
                    matched = false
                    break
                }
                position = text.index(after: position)
            }
            if matched { return true }
            start = text.index(after: start)
        }
        return false
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The body as stored: exactly as sent when it holds no secret, otherwise with the
    /// values of secret fields replaced; cut to the limit on a character boundary.
    static func storedBody(_ request: HTTPRequest) -> (text: String, isTruncated: Bool) {
        let bytes = redactedBody(request)
        guard bytes.count > bodyLimit else {
            return (String(decoding: bytes, as: UTF8.self), false)
        }

        var end = bodyLimit
        while end > 0 && bytes[end] & 0xC0 == 0x80 {
            end -= 1
        }
        return (String(decoding: bytes[..<end], as: UTF8.self), true)
    }

    /// The body bytes with secrets replaced. JSON, urlencoded and multipart bodies are
    /// redacted field by field; a body that cannot be read that way is hidden whole
    /// when it so much as names a secret field, since its secrets cannot be located.
    static func redactedBody(_ request: HTTPRequest) -> [UInt8] {
        let contentType = request.headers["Content-Type"].flatMap(MediaType.parse)
        let body = request.body
        switch contentType?.essence {
        case "application/json":
            // An ASCII body that names no secret, not even through an escape, has nothing to
            // hide, and most bodies are of that kind: they are kept as sent without parsing.
            let mayNameSecret =
                body.contains { $0 == UInt8(ascii: "\\") || $0 >= 0x80 }
                || secretNamePartBytes.contains { containsIgnoringCase(body, $0) }
            guard mayNameSecret else { return body }
            guard var value = try? JSONParser.parse(body) else { break }
            return redact(&value) ? JSONWriter.serialize(value) : body
        case "application/x-www-form-urlencoded":
            return Array(redactedQuery(String(decoding: body, as: UTF8.self)).utf8)
        case "multipart/form-data":
            guard let boundary = contentType?.parameter("boundary"),
                let form = try? MultipartParser.parse(body, boundary: boundary)
            else { break }
            guard form.fields.contains(where: { isSecretName($0.name) }) else { return body }
            // TODO: keep the multipart framing; the redacted copy lists the text fields as
            // `name=value` pairs and leaves out files, as it is only read by people.
            let fields = form.fields.map { field in
                isSecretName(field.name)
                    ? "\(field.name)=\(redacted)" : "\(field.name)=\(field.value)"
            }
            return Array(fields.joined(separator: "&").utf8)
        default:
            break
        }
        let text = String(decoding: body, as: UTF8.self)
        return secretNameParts.contains(where: text.lowercased().contains)
            ? Array(redacted.utf8) : body
    }

    /// A query or form text with the values of secret fields replaced.
    static func redactedQuery(_ text: String) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let decoded = URLEncodedFormParser.decodeComponent(Substring(name))
            return isSecretName(decoded) ? "\(name)=\(redacted)" : String(pair)
        }.joined(separator: "&")
    }

    /// Replaces the values of secret members at any depth; true when something was.
    private static func redact(_ value: inout JSONValue) -> Bool {
        var changed = false
        switch value {
        case .object(var object):
            for key in object.keys {
                if isSecretName(key) {
                    object[key] = .string(redacted)
                    changed = true
                } else if var nested = object[key], redact(&nested) {
                    object[key] = nested
                    changed = true
                }
            }
            value = .object(object)
        case .array(var elements):
            for index in elements.indices where redact(&elements[index]) {
                changed = true
            }
            value = .array(elements)
        default:
            break
        }
        return changed
    }
}

/// One journal line.
struct JournalEntry: Sendable {
    var id: Int
    /// Seconds since the epoch when the request was received.
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
    /// Seconds since the epoch; only requests received then or later match.
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
