/// The byte-level work behind `JSONParser`: a loop with explicit stacks that follows the
/// decisions of CPython's `_json` scanner, so every error is found at the same place.
struct JSONScanner {
    /// An array or object still waiting for its closing bracket.
    private struct OpenContainer {
        /// Whether the container is an object (its members need keys).
        var isObject: Bool

        /// Where the container's members start on the shared value stack.
        var firstValue: Int

        /// Where the container's keys start on the shared key stack.
        var firstKey: Int
    }

    /// The decoded body, already known to be valid UTF-8.
    private let bytes: UnsafeBufferPointer<UInt8>

    /// Limits and strictness.
    private let options: JSONParsingOptions

    /// The next byte to read.
    private var index = 0

    /// Reused storage for strings that contain escapes.
    private var scratch: [UInt8] = []

    /// Creates a scanner over a valid UTF-8 body.
    init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParsingOptions) {
        self.bytes = bytes
        self.options = options
    }

    /// Reads one value surrounded by optional whitespace, as `json.loads` does.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()

        skipWhitespace()
        guard index == bytes.count else { throw failure("Extra data", at: index) }
        return value
    }

    /// Reads one value of any kind, nesting included, without recursion.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        var values: [JSONValue] = []
        var keys: [String] = []

        while true {
            var value: JSONValue
            guard index < bytes.count else { throw failure("Expecting value", at: index) }

            switch bytes[index] {
            case UInt8(ascii: "["):
                try checkDepth(open.count)
                index += 1
                skipWhitespace()
                guard isAt(UInt8(ascii: "]")) else {
                    open.append(
                        OpenContainer(isObject: false, firstValue: values.count, firstKey: 0)
                    )
                    continue
                }
                index += 1
                value = .array([])
            case UInt8(ascii: "{"):
                try checkDepth(open.count)
                index += 1
                skipWhitespace()
                guard isAt(UInt8(ascii: "}")) else {
                    open.append(
                        OpenContainer(
                            isObject: true,
                            firstValue: values.count,
                            firstKey: keys.count
                        )
                    )
                    keys.append(try parseKey())
                    continue
                }
                index += 1
                value = .object(JSONObject())
            default:
                value = try parseScalar()
            }

            // Hand the finished value to the containers it closes, until one needs more.
            while let container = open.last {
                values.append(value)
                skipWhitespace()

                let closer = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if isAt(closer) {
                    index += 1
                    value = close(container, values: &values, keys: &keys)
                    open.removeLast()
                    continue
                }

                guard isAt(UInt8(ascii: ",")) else {
                    throw failure("Expecting ',' delimiter", at: index)
                }
                index += 1
                skipWhitespace()
                if container.isObject { keys.append(try parseKey()) }
                break
            }
            if open.isEmpty { return value }
        }
    }

    /// Takes a finished container's members off the shared stacks.
    private func close(
        _ container: OpenContainer,
        values: inout [JSONValue],
        keys: inout [String]
    ) -> JSONValue {
        defer { values.removeSubrange(container.firstValue...) }
        guard container.isObject else {
            return .array(Array(values[container.firstValue...]))
        }

        defer { keys.removeSubrange(container.firstKey...) }
        return .object(
            JSONObject(keys: keys[container.firstKey...], values: values[container.firstValue...])
        )
    }

    /// Refuses one more level of nesting once the limit is reached.
    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        guard depth < options.maximumDepth else {
            throw failure("Maximum nesting depth exceeded", at: index)
        }
    }

    /// Reads `"key"`, the colon and the whitespace around it.
    private mutating func parseKey() throws(JSONParseError) -> String {
        guard isAt(UInt8(ascii: "\"")) else {
            throw failure("Expecting property name enclosed in double quotes", at: index)
        }
        let key = try scanString()

        skipWhitespace()
        guard isAt(UInt8(ascii: ":")) else { throw failure("Expecting ':' delimiter", at: index) }
        index += 1
        skipWhitespace()
        return key
    }

    /// Reads a string, literal or number at the current byte.
    private mutating func parseScalar() throws(JSONParseError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try scanString())
        case UInt8(ascii: "n") where matches("null"):
            index += 4
            return .null
        case UInt8(ascii: "t") where matches("true"):
            index += 4
            return .bool(true)
        case UInt8(ascii: "f") where matches("false"):
            index += 5
            return .bool(false)
        case UInt8(ascii: "N") where matches("NaN"):
            return try scanConstant("NaN")
        case UInt8(ascii: "I") where matches("Infinity"):
            return try scanConstant("Infinity")
        case UInt8(ascii: "-") where matches("-Infinity"):
            return try scanConstant("-Infinity")
        default:
            return try scanNumber()
        }
    }

    /// Accepts a non-finite literal unless the options follow DRF's strict mode.
    private mutating func scanConstant(_ name: String) throws(JSONParseError) -> JSONValue {
        if options.rejectsNonFiniteNumbers {
            throw JSONParseError(
                unpositioned: "Out of range float values are not JSON compliant: '\(name)'",
                atByte: index,
                in: bytes
            )
        }
        index += name.utf8.count
        return .number(name)
    }

    /// Reads a number with the same greedy rules as CPython: a leading zero ends the integer
    /// part, and a dot or exponent not followed by digits is left for the caller to reject.
    private mutating func scanNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var position = index
        let count = bytes.count

        if bytes[position] == UInt8(ascii: "-") {
            position += 1
            guard position < count else { throw failure("Expecting value", at: start) }
        }

        let first = bytes[position]
        if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            position += 1
            while position < count && isDigit(bytes[position]) { position += 1 }
        } else if first == UInt8(ascii: "0") {
            position += 1
        } else {
            throw failure("Expecting value", at: start)
        }
        let integerDigits = position - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)
        var isInteger = true

        if position + 1 < count && bytes[position] == UInt8(ascii: ".")
            && isDigit(bytes[position + 1])
        {
            isInteger = false
            position += 2
            while position < count && isDigit(bytes[position]) { position += 1 }
        }

        if position + 1 < count
            && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E"))
        {
            let exponentStart = position
            position += 1
            if position + 1 < count
                && (bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+"))
            {
                position += 1
            }
            while position < count && isDigit(bytes[position]) { position += 1 }
            if isDigit(bytes[position - 1]) {
                isInteger = false
            } else {
                position = exponentStart
            }
        }

        if isInteger, let limit = options.maximumIntegerDigits, integerDigits > limit {
            throw JSONParseError(
                unpositioned: "Exceeds the limit (\(limit) digits) for integer string conversion: "
                    + "value has \(integerDigits) digits; "
                    + "use sys.set_int_max_str_digits() to increase the limit",
                atByte: start,
                in: bytes
            )
        }
        index = position
        return .number(makeString(start..<position))
    }

    /// Reads a string whose opening quote is at the current byte, leaving the index after the
    /// closing quote.
    private mutating func scanString() throws(JSONParseError) -> String {
        let begin = index
        let count = bytes.count
        var position = index + 1
        var chunkStart = position
        var hasEscapes = false

        while true {
            var byte: UInt8 = 0
            while position < count {
                byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw failure("Invalid control character at", at: position) }
                position += 1
            }
            guard position < count else {
                throw failure("Unterminated string starting at", at: begin)
            }

            if byte == UInt8(ascii: "\"") {
                index = position + 1
                guard hasEscapes else { return makeString(chunkStart..<position) }
                scratch.append(contentsOf: bytes[chunkStart..<position])
                return String(decoding: scratch, as: UTF8.self)
            }

            if !hasEscapes {
                hasEscapes = true
                scratch.removeAll(keepingCapacity: true)
            }
            scratch.append(contentsOf: bytes[chunkStart..<position])
            position += 1
            guard position < count else {
                throw failure("Unterminated string starting at", at: begin)
            }
            position = try scanEscape(at: position)
            chunkStart = position
        }
    }

    /// Decodes the escape whose letter is at `position` into `scratch` and returns the index
    /// after it, joining a surrogate pair written as two `\u` escapes.
    private mutating func scanEscape(at position: Int) throws(JSONParseError) -> Int {
        let letter = bytes[position]
        guard letter == UInt8(ascii: "u") else {
            let decoded: UInt8
            switch letter {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = letter
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            default: throw failure("Invalid \\escape", at: position - 1)
            }
            scratch.append(decoded)
            return position + 1
        }

        // CPython wants at least one character after the four digits, and so do we.
        let digitsEnd = position + 5
        guard digitsEnd < bytes.count, var scalar = hexQuad(at: position + 1) else {
            throw failure("Invalid \\uXXXX escape", at: position)
        }
        var next = digitsEnd

        if (0xD800...0xDBFF).contains(scalar) && digitsEnd + 6 < bytes.count
            && bytes[digitsEnd] == UInt8(ascii: "\\") && bytes[digitsEnd + 1] == UInt8(ascii: "u")
        {
            guard let low = hexQuad(at: digitsEnd + 2) else {
                throw failure("Invalid \\uXXXX escape", at: digitsEnd + 1)
            }
            if (0xDC00...0xDFFF).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                next = digitsEnd + 6
            }
        }

        appendUTF8(Unicode.Scalar(scalar) ?? LoneSurrogate.standIn(for: scalar))
        return next
    }

    /// The value of four hex digits at `position`, or nil when one is not a hex digit.
    private func hexQuad(at position: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends the UTF-8 form of `scalar` to `scratch`.
    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        for unit in UTF8.encode(scalar)! { scratch.append(unit) }
    }

    /// Makes a `String` from bytes already known to be valid UTF-8.
    private func makeString(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether the bytes at the current index spell `literal`.
    private func matches(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }

        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: length)
        for offset in 0..<length where bytes[index + offset] != expected[offset] {
            return false
        }
        return true
    }

    /// Whether the current byte exists and is `byte`.
    private func isAt(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    /// Whether `byte` is an ASCII digit; Python's scanner accepts no other digits.
    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Skips the four whitespace characters JSON allows.
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                index += 1
            default:
                return
            }
        }
    }

    /// An error with Python's position suffix for a failure at byte `position`.
    private func failure(_ reason: String, at position: Int) -> JSONParseError {
        JSONParseError(reason, atByte: position, in: bytes)
    }
}
