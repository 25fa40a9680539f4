/// Python's `repr()` of a binary `float`, reproduced for the JSON numbers DRF receives.
///
/// Python's `json` module turns every number with a fraction or an exponent into a
/// `float`, so the backend never sees the digits a client wrote: it sees the shortest text
/// that reads back as the same `float`. This is the only place where binary floating
/// point appears, and only to reproduce that loss; no value is computed with it.
enum PythonFloat {
    /// The text Python prints for `float(text)`; `text` is a JSON number.
    static func repr(of text: String) -> String {
        guard let value = Double(text) else { return text }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value.isNaN { return "nan" }

        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        let sign = value.sign == .minus ? "-" : ""
        return sign + layout(digits: digits, pointPosition: pointPosition)
    }

    /// The shortest round-tripping digits of a finite non-negative value, without leading
    /// or trailing zeros, and where the decimal point goes: the value is
    /// `0.<digits> * 10^pointPosition`. Zero is `("0", 1)`.
    private static func shortestDigits(of value: Double) -> (digits: [Character], Int) {
        if value == 0 { return (["0"], 1) }

        // Swift prints the same shortest digits as Python; only the layout differs.
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        let whole = mantissa.prefix { $0 != "." }
        let fraction = mantissa.drop { $0 != "." }.dropFirst()
        var digits = Array(whole + fraction)
        var pointPosition = whole.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// Python's `float_repr_style = 'short'` layout: plain notation when the point falls
    /// within 16 places of the digits, exponent notation otherwise, and always a `.0`
    /// on whole numbers.
    private static func layout(digits: [Character], pointPosition: Int) -> String {
        let count = digits.count
        if pointPosition > -4 && pointPosition <= 16 {
            if pointPosition <= 0 {
                return "0." + String(repeating: "0", count: -pointPosition) + String(digits)
            }
            if pointPosition >= count {
                let zeros = String(repeating: "0", count: pointPosition - count)
                return String(digits) + zeros + ".0"
            }
            return String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
        }

        let exponent = pointPosition - 1
        var result = String(digits[0])
        if count > 1 { result += "." + String(digits[1...]) }
        let magnitude = String(exponent.magnitude)
        let padded = magnitude.count < 2 ? "0" + magnitude : magnitude
        return result + "e" + (exponent < 0 ? "-" : "+") + padded
    }
}
