/// How a record becomes a line: `text` for people at a terminal, `json` for collectors.
public enum LogFormat: String, CaseIterable, Sendable {
    case text
    case json

    /// Renders a record as one line without its trailing newline.
    ///
    /// Metadata keys are sorted so the same event always prints the same way, which
    /// keeps lines comparable across runs and easy to grep.
    public func render(_ record: LogRecord) -> String {
        switch self {
        case .text:
            var line = "\(Timestamp.iso8601(record.timestamp)) \(record.level.name) "
            line += "\(record.label): \(record.message)"
            for key in record.metadata.keys.sorted() {
                line += " \(key)=\(LogFormat.quoteIfNeeded(record.metadata[key] ?? ""))"
            }
            return line
        case .json:
            var line = "{\"timestamp\":\"\(Timestamp.iso8601(record.timestamp))\""
            line += ",\"level\":\"\(record.level.name)\""
            line += ",\"label\":\(LogFormat.jsonString(record.label))"
            line += ",\"message\":\(LogFormat.jsonString(record.message))"
            for key in record.metadata.keys.sorted() {
                let value = record.metadata[key] ?? ""
                line += ",\(LogFormat.jsonString(key)):\(LogFormat.jsonString(value))"
            }
            return line + "}"
        }
    }

    /// Quotes a text-format value when spaces, quotes or control characters would make
    /// the line ambiguous to split on spaces.
    static func quoteIfNeeded(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains {
                $0 == " " || $0 == "\"" || $0 == "=" || $0.value < 0x20
            }
        return needsQuotes ? jsonString(value) : value
    }

    /// Escapes a string as a JSON string literal, including control characters.
    static func jsonString(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
