/// Writes JSON the way DRF's `JSONRenderer` does (`ensure_ascii=False`, separators `,` and
/// `:`, or indented on request), so response bodies match the real backend byte for byte.
///
/// Numbers are written as their text, so a value parsed from a body comes back unchanged.
/// Nesting is handled with an explicit stack, so no value can exhaust the call stack.
public enum JSONWriter {
    /// Returns the compact encoding of `value`.
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var buffer: [UInt8] = []
        serialize(value, into: &buffer)
        return buffer
    }

    /// Returns `value` pretty-printed as DRF's renderer does for `Accept: application/json;
    /// indent=N`: Python's `json.dumps` with `indent` spaces a level and separators `,` and
    /// `: `; empty arrays and objects stay `[]` and `{}`.
    public static func serialize(_ value: JSONValue, indent: Int) -> [UInt8] {
        var buffer: [UInt8] = []
        serialize(value, indent: indent, into: &buffer)
        return buffer
    }

    /// Appends the compact encoding of `value` to `buffer`, so a response can be built
    /// without intermediate copies.
    public static func serialize(_ value: JSONValue, into buffer: inout [UInt8]) {
        serialize(value, indent: nil, into: &buffer)
    }

    /// Appends `value` to `buffer`, compact when `indent` is nil and pretty-printed
    /// otherwise.
    private static func serialize(_ value: JSONValue, indent: Int?, into buffer: inout [UInt8]) {
        var pending: [PendingContainer] = []
        var next: JSONValue? = value

        while true {
            if let current = next {
                next = nil
                switch current {
                case .null:
                    buffer.append(contentsOf: "null".utf8)
                case .bool(let flag):
                    buffer.append(contentsOf: flag ? "true".utf8 : "false".utf8)
                case .number(let text):
                    buffer.append(contentsOf: text.utf8)
                case .string(let text):
                    writeString(text, into: &buffer)
                case .array(let items):
                    buffer.append(UInt8(ascii: "["))
                    pending.append(.array(items, next: 0))
                case .object(let object):
                    buffer.append(UInt8(ascii: "{"))
                    pending.append(.object(object.pairs, next: 0))
                }
            }

            // The popped container's members sit one level deeper than its brackets.
            guard let container = pending.popLast() else { return }
            let depth = pending.count
            switch container {
            case .array(let items, let position):
                guard position < items.count else {
                    if position > 0 { newLine(indent, depth: depth, into: &buffer) }
                    buffer.append(UInt8(ascii: "]"))
                    continue
                }
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newLine(indent, depth: depth + 1, into: &buffer)
                next = items[position]
                pending.append(.array(items, next: position + 1))
            case .object(let pairs, let position):
                guard position < pairs.count else {
                    if position > 0 { newLine(indent, depth: depth, into: &buffer) }
                    buffer.append(UInt8(ascii: "}"))
                    continue
                }
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newLine(indent, depth: depth + 1, into: &buffer)
                writeString(pairs[position].key, into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                if indent != nil { buffer.append(UInt8(ascii: " ")) }
                next = pairs[position].value
                pending.append(.object(pairs, next: position + 1))
            }
        }
    }

    /// Starts a new line indented `depth` levels when pretty-printing; nothing otherwise.
    private static func newLine(_ indent: Int?, depth: Int, into buffer: inout [UInt8]) {
        guard let indent else { return }
        buffer.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    /// An array or object whose members are still being written.
    private enum PendingContainer {
        /// An array and the index of the next item to write.
        case array([JSONValue], next: Int)

        /// An object's pairs and the index of the next pair to write.
        case object([(key: String, value: JSONValue)], next: Int)
    }

    /// Writes a quoted string with Python's escapes: `"`, `\`, control characters, and the
    /// two line separators DRF escapes so the output is also valid JavaScript. A lone
    /// surrogate's stand-in becomes its `\uXXXX` escape: DRF would fail to encode it, and the
    /// escape is the one valid way to send what Python holds.
    static func writeString(_ text: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var chunkStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let isSeparator =
                    byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
                let isSurrogate =
                    byte == 0xF4 && index + 3 < bytes.count && bytes[index + 1] == 0x8D
                    && bytes[index + 2] >= 0xA0
                guard
                    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                        || isSeparator || isSurrogate
                else {
                    index += 1
                    continue
                }

                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart..<index]))
                if isSeparator {
                    buffer.append(
                        contentsOf: bytes[index + 2] == 0xA8 ? "\\u2028".utf8 : "\\u2029".utf8
                    )
                    index += 3
                } else if isSurrogate {
                    appendSurrogateEscape(bytes[index + 2], bytes[index + 3], into: &buffer)
                    index += 4
                } else {
                    appendEscape(for: byte, into: &buffer)
                    index += 1
                }
                chunkStart = index
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunkStart...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes a lone surrogate's stand-in, whose last two UTF-8 bytes are given, as the
    /// `\uXXXX` escape Python's `json.dumps` uses when asked for ASCII output; a raw
    /// surrogate cannot be sent as UTF-8.
    private static func appendSurrogateEscape(
        _ third: UInt8,
        _ fourth: UInt8,
        into buffer: inout [UInt8]
    ) {
        let codePoint = 0xD000 | UInt32(third & 0x3F) << 6 | UInt32(fourth & 0x3F)
        let digits = String(codePoint, radix: 16)
        buffer.append(contentsOf: "\\u".utf8)
        buffer.append(contentsOf: digits.utf8)
    }

    /// Writes the escape Python's encoder uses for one ASCII byte.
    private static func appendEscape(for byte: UInt8, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        default:
            let digits: StaticString = "0123456789abcdef"
            buffer.append(contentsOf: "u00".utf8)
            buffer.append(digits.utf8Start[Int(byte >> 4)])
            buffer.append(digits.utf8Start[Int(byte & 0x0F)])
        }
    }
}
