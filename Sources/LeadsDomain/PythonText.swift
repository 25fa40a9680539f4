import BodyParsing

/// How Python turns the values of a parsed request into text, because DRF's messages and
/// lookups are built from Python's `str()` of what the client sent: `5.0` for the JSON
/// number `5.0`, `True` for `true`, `[1, 'a']` for a list.
enum PythonText {
    /// Whether Python's `str.isspace()` holds, the set `str.strip()` and regex `\s` use.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Python's `str.strip()` with no arguments.
    static func strip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex { !isWhitespace($0) }!
        return String(scalars[first...last])
    }

    /// The first code points of the 66 runs of ten decimal digits (Unicode category Nd) in
    /// the Unicode 14 database Python 3.11 ships; Python's `int()`, `Decimal()` and regex
    /// `\d` accept all of them.
    private static let decimalDigitZeros: [UInt32] = [
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6,
        0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
        0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0,
        0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50,
        0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
        0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
    ]

    /// The value of a decimal digit in any script, as Python's `int()` reads it.
    static func decimalDigitValue(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value >= 0x30 && value <= 0x39 { return Int(value - 0x30) }
        if value < 0x660 { return nil }
        var low = 0
        var high = decimalDigitZeros.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let zero = decimalDigitZeros[middle]
            if value < zero {
                high = middle - 1
            } else if value > zero + 9 {
                low = middle + 1
            } else {
                return Int(value - zero)
            }
        }
        return nil
    }

    /// The name of the Python type Python's `json` module gives a value, for DRF's
    /// "Expected a dictionary, but got list." message.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .number(let text): return isIntegerLiteral(text) ? "int" : "float"
        case .string: return "str"
        case .array: return "list"
        case .object: return "dict"
        }
    }

    /// Python's `str()` of a parsed JSON value.
    static func str(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return repr(value)
    }

    /// Python's `repr()` of a parsed JSON value: what appears inside lists and dicts.
    static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null:
            return "None"
        case .bool(let flag):
            return flag ? "True" : "False"
        case .number(let text):
            return numberText(text)
        case .string(let text):
            return reprString(text)
        case .array(let elements):
            return "[" + elements.map(repr).joined(separator: ", ") + "]"
        case .object(let object):
            let members = object.pairs.map { reprString($0.key) + ": " + repr($0.value) }
            return "{" + members.joined(separator: ", ") + "}"
        }
    }

    /// True when Python's `json` module makes an `int` of the number (no fraction, no
    /// exponent), false when it makes a `float`.
    static func isIntegerLiteral(_ text: String) -> Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }
            && !text.utf8.contains(UInt8(ascii: "E"))
    }

    /// Python's `str()` of a JSON number after `json.loads`: integers keep their digits
    /// (`-0` becomes `0`), and anything with a fraction or exponent becomes a binary
    /// `float` printed in its shortest form (`1.0`, `1e+16`, `inf`).
    ///
    /// DRF's decimal, text and choice fields all start from this text, so `1.000` sent
    /// as a JSON number is `1.0` to them while the string `"1.000"` is not.
    static func numberText(_ text: String) -> String {
        if isIntegerLiteral(text) {
            let negative = text.hasPrefix("-")
            let digits = text.drop { $0 == "-" || $0 == "+" || $0 == "0" }
            if digits.isEmpty { return "0" }
            return (negative ? "-" : "") + digits
        }
        return PythonFloat.repr(of: text)
    }

    /// Python's `repr()` of a string: single quotes unless the text holds a single quote
    /// and no double quote, with Python's escapes for unprintable characters.
    static func reprString(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                if Character(scalar) == quote {
                    result += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += escaped(scalar)
                }
            }
        }
        result.append(quote)
        return result
    }

    /// Python's `str.isprintable()` for one code point: everything but control, format,
    /// private use, unassigned and separator characters, except the plain space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x7F { return scalar.value >= 0x20 }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
            .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, the shortest escape Python's `repr()` allows; a lone
    /// surrogate's stand-in is shown as the surrogate Python holds.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        if let surrogate = LoneSurrogate.codePoint(of: scalar) {
            return "\\u" + String(surrogate, radix: 16)
        }
        let (prefix, width) =
            scalar.value < 0x100 ? ("\\x", 2) : scalar.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
        let hex = String(scalar.value, radix: 16)
        return prefix + String(repeating: "0", count: width - hex.count) + hex
    }
}
