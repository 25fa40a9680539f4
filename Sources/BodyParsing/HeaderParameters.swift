/// Splits a header value such as `form-data; name="a"` the way Django's
/// `parse_header_parameters` does, shared by media types and multipart dispositions so both
/// read quoting and RFC 2231 extended values identically.
enum HeaderParameters {
    /// Returns the lower-cased main value and the parameters in first-seen order; a repeated
    /// name keeps its first position and its last value, like the dictionary Django builds.
    static func parse(_ text: Substring) -> (
        main: String, parameters: [(name: String, value: String)]
    ) {
        let pieces = splitOutsideQuotes(text)
        let main = pythonStripped(pieces[0]).lowercased()
        var parameters: [(name: String, value: String)] = []

        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }

            var name = pythonStripped(piece[..<equals]).lowercased()
            var value = pythonStripped(piece[piece.index(after: equals)...])
            var isExtended = false
            if name.hasSuffix("*") {
                name.removeLast()
                isExtended = piece.count { $0 == "'" } == 2
            }
            value = unquoted(value)
            if isExtended { value = decodeExtendedValue(value) }

            if let existing = parameters.firstIndex(where: { $0.name == name }) {
                parameters[existing].value = value
            } else {
                parameters.append((name, value))
            }
        }
        return (main, parameters)
    }

    /// Splits on `;` except inside double quotes, where a backslash escapes the next
    /// character.
    static func splitOutsideQuotes(_ text: Substring, separator: Character = ";") -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        var isQuoted = false

        while index < text.endIndex {
            let character = text[index]
            if isQuoted && character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if character == "\"" {
                isQuoted.toggle()
            } else if character == separator && !isQuoted {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        pieces.append(text[start...])
        return pieces
    }

    /// Removes surrounding quotes and undoes `\\` then `\"`, in that order, as Django does.
    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.first == "\"", value.last == "\"" else { return value }

        let inner = value.dropFirst().dropLast()
        let backslashesUndone = replacing(#"\\"#, with: "\\", in: inner)
        return replacing(#"\""#, with: "\"", in: backslashesUndone[...])
    }

    /// Decodes an RFC 2231 value `charset'language'percent-encoded`.
    private static func decodeExtendedValue(_ value: String) -> String {
        let parts = value.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return value }

        let charset = parts[0].lowercased()
        let isLatin1 = ["iso-8859-1", "latin-1", "latin1", "iso8859-1"].contains(charset)
        var bytes: [UInt8] = []
        var source = parts[2].utf8[...]
        while let byte = source.popFirst() {
            if byte == UInt8(ascii: "%"), source.count >= 2,
                let high = hexValue(source[source.startIndex]),
                let low = hexValue(source[source.index(after: source.startIndex)])
            {
                bytes.append(high << 4 | low)
                source = source.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        guard isLatin1 else { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Replaces every `target` in `text`, scanning left to right without overlap.
    private static func replacing(_ target: String, with replacement: String, in text: Substring)
        -> String
    {
        var result = ""
        var rest = text
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }

    /// The value of one hex digit, or nil.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Trims what Python's `str.strip()` trims, so names compare as they do in Django.
    static func pythonStripped(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPythonWhitespace($0) }),
            let last = scalars.lastIndex(where: { !isPythonWhitespace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether Python's `str.isspace()` is true for `scalar`.
    private static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }
}
