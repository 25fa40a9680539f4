/// Python's `Decimal()` string syntax as its C implementation reads it, so the server
/// accepts and rejects exactly the numbers the backend does.
///
/// Beyond the textbook grammar (`-1.50`, `.5`, `5.`, `1E-2`) Python strips Unicode
/// whitespace, drops underscores anywhere, reads decimal digits of every script (`١٢` is
/// 12) and bounds the exponent.
enum DecimalSyntax {
    /// Largest adjusted exponent (exponent plus digits minus one) Python accepts.
    private static let maximumAdjustedExponent = 999_999_999_999_999_999

    /// Smallest exponent Python accepts.
    private static let minimumExponent = -1_999_999_999_999_999_997

    /// A finite number, or nil for invalid text; NaN and the infinities fail too, as they
    /// have no digits before anything else.
    static func parse(_ text: String) -> DecimalNumber? {
        guard let characters = normalized(text), !characters.isEmpty else { return nil }

        var index = 0
        var isNegative = false
        if characters[0] == UInt8(ascii: "+") || characters[0] == UInt8(ascii: "-") {
            isNegative = characters[0] == UInt8(ascii: "-")
            index = 1
        }

        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        while index < characters.count {
            let character = characters[index]
            if character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9") {
                digits.append(character - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            } else if character == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }

        var exponent = 0
        if index < characters.count {
            guard characters[index] | 0x20 == UInt8(ascii: "e"),
                let written = exponentValue(characters[(index + 1)...])
            else { return nil }
            exponent = written
        }
        return bounded(isNegative: isNegative, digits: digits, exponent: exponent - fractionDigits)
    }

    /// The text as ASCII with surrounding whitespace and all underscores removed and
    /// digits of other scripts turned into ASCII digits; nil when something else is not
    /// ASCII.
    private static func normalized(_ text: String) -> [UInt8]? {
        let stripped = PythonText.strip(text)
        var result: [UInt8] = []
        result.reserveCapacity(stripped.utf8.count)
        for scalar in stripped.unicodeScalars where scalar != "_" {
            if scalar.isASCII {
                result.append(UInt8(scalar.value))
            } else if let digit = PythonText.decimalDigitValue(scalar) {
                result.append(UInt8(ascii: "0") + UInt8(digit))
            } else {
                return nil
            }
        }
        return result
    }

    /// A signed exponent of ASCII digits, or nil when malformed or beyond any bound
    /// Python accepts.
    private static func exponentValue(_ text: ArraySlice<UInt8>) -> Int? {
        var rest = text
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty,
            rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }

        // Past 4 * 10^18 no coefficient of any real length brings the number back within
        // Python's exponent limits, so larger exponents are refused before they overflow.
        var magnitude = 0
        for digit in rest {
            if magnitude > 400_000_000_000_000_000 { return nil }
            magnitude = magnitude * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return negative ? -magnitude : magnitude
    }

    /// The number when its exponent is within Python's limits.
    private static func bounded(isNegative: Bool, digits: [UInt8], exponent: Int)
        -> DecimalNumber?
    {
        let number = DecimalNumber(isNegative: isNegative, digits: digits, exponent: exponent)
        let adjusted = number.exponent + number.digits.count - 1
        guard adjusted <= maximumAdjustedExponent, number.exponent >= minimumExponent else {
            return nil
        }
        return number
    }
}
