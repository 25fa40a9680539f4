/// How a record becomes a line: `text` for people at a terminal, `json` for collectors.
public enum LogFormat: String, CaseIterable, Sendable {
    case text
    case json

    /// Renders a record as one line without its trailing newline.
    ///
    /// Metadata keys are sorted so the same event always prints the same way, which
    /// keeps lines comparable across runs and easy to grep.
    public func render(_ record: LogRecord) -> String {
        var line: [UInt8] = []
        append(record, to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends the line of `render(_:)` as UTF-8, without building strings on the way:
    /// every access line passes through here.
    public func append(_ record: LogRecord, to line: inout [UInt8]) {
        line.reserveCapacity(line.count + 256)
        let keys = record.metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        switch self {
        case .text:
            Timestamp.appendISO8601(record.timestamp, to: &line)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: record.level.name.utf8)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: record.label.utf8)
            line.append(contentsOf: ": ".utf8)
            line.append(contentsOf: record.message.utf8)
            for key in keys {
                line.append(UInt8(ascii: " "))
                line.append(contentsOf: key.utf8)
                line.append(UInt8(ascii: "="))
                LogFormat.appendQuotedIfNeeded(record.metadata[key] ?? "", to: &line)
            }
        case .json:
            line.append(contentsOf: #"{"timestamp":""#.utf8)
            Timestamp.appendISO8601(record.timestamp, to: &line)
            line.append(contentsOf: #"","level":""#.utf8)
            line.append(contentsOf: record.level.name.utf8)
            line.append(contentsOf: #"","label":"#.utf8)
            LogFormat.appendJSONString(record.label, to: &line)
            line.append(contentsOf: #","message":"#.utf8)
            LogFormat.appendJSONString(record.message, to: &line)
            for key in keys {
                line.append(UInt8(ascii: ","))
                LogFormat.appendJSONString(key, to: &line)
                line.append(UInt8(ascii: ":"))
                LogFormat.appendJSONString(record.metadata[key] ?? "", to: &line)
            }
            line.append(UInt8(ascii: "}"))
        }
    }

    /// Quotes a text-format value when spaces, quotes or control characters would make
    /// the line ambiguous to split on spaces.
    static func quoteIfNeeded(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendQuotedIfNeeded(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes a string as a JSON string literal, including control characters.
    static func jsonString(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendJSONString(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendQuotedIfNeeded(_ value: String, to line: inout [UInt8]) {
        let needsQuotes =
            value.isEmpty
            || value.utf8.contains {
                $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=")
                    || $0 < 0x20
            }
        if needsQuotes {
            appendJSONString(value, to: &line)
        } else {
            line.append(contentsOf: value.utf8)
        }
    }

    private static func appendJSONString(_ value: String, to line: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        line.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): line.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): line.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): line.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): line.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                line.append(contentsOf: #"\u00"#.utf8)
                line.append(hexDigits[Int(byte >> 4)])
                line.append(hexDigits[Int(byte & 0x0F)])
            default:
                line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}
