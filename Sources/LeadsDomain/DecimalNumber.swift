/// An exact decimal number with the shape Python's `decimal.Decimal` gives it: a sign, the
/// coefficient digits as written (leading zeros dropped, trailing zeros kept) and a base-ten
/// exponent.
///
/// Money and percentages never pass through binary floating point here, so `1000.10` stays
/// `1000.10`. Keeping the written shape matters because DRF's precision checks count the
/// digits of that shape (`1.50` has two decimal places, `1e3` has four digits).
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True for values written with a minus sign, including negative zero.
    public let isNegative: Bool

    /// Coefficient digits, most significant first, each 0...9; zero is `[0]`.
    public let digits: [UInt8]

    /// Power of ten the coefficient is scaled by: the value is `digits * 10^exponent`.
    public let exponent: Int

    /// Creates a number from its parts; leading zeros of `digits` are dropped.
    public init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        var significant = Array(digits.drop { $0 == 0 })
        if significant.isEmpty { significant = [0] }
        self.isNegative = isNegative
        self.digits = significant
        self.exponent = exponent
    }

    /// Reads text the way Python's `Decimal()` constructor does, surrounding whitespace
    /// included, and returns nil for text Python rejects and for NaN and the infinities,
    /// which DRF also rejects with "A valid number is required.".
    public static func parse(_ text: String) -> DecimalNumber? {
        DecimalSyntax.parse(text)
    }

    /// True when the value is zero, whatever its sign and exponent.
    public var isZero: Bool { digits == [0] }

    /// The number quantized to `places` decimal places with half-even rounding, written
    /// without exponent, as DRF renders a `DecimalField` (`"1000.00"`).
    public func formatted(places: Int) -> String {
        rounded(places: places).storageText
    }

    /// The number quantized to `places` decimal places with half-even rounding, the
    /// rounding Python's default decimal context uses; the exponent becomes `-places`.
    /// Like `storageText`, it writes out every digit, so it is meant for numbers within a
    /// field's limits, not for `1e999999999999999999`.
    public func rounded(places: Int) -> DecimalNumber {
        let target = -places
        if exponent >= target {
            let zeros = [UInt8](repeating: 0, count: exponent - target)
            return DecimalNumber(isNegative: isNegative, digits: digits + zeros, exponent: target)
        }

        let dropped = target - exponent
        if dropped > digits.count {
            return DecimalNumber(isNegative: isNegative, digits: [0], exponent: target)
        }
        var kept = Array(digits[..<(digits.count - dropped)])
        let removed = digits[(digits.count - dropped)...]
        if roundsUp(kept: kept, removed: removed) {
            kept = Self.incremented(kept)
        }
        return DecimalNumber(isNegative: isNegative, digits: kept, exponent: target)
    }

    /// Half-even: above half rounds up, below half down, exactly half towards an even
    /// last kept digit.
    private func roundsUp(kept: [UInt8], removed: ArraySlice<UInt8>) -> Bool {
        guard let first = removed.first else { return false }
        if first > 5 { return true }
        if first < 5 { return false }
        if removed.dropFirst().contains(where: { $0 != 0 }) { return true }
        return (kept.last ?? 0) % 2 == 1
    }

    /// Adds one to a digit array, growing it on carry.
    private static func incremented(_ digits: [UInt8]) -> [UInt8] {
        var result = digits
        var index = result.count - 1
        while index >= 0 {
            if result[index] < 9 {
                result[index] += 1
                return result
            }
            result[index] = 0
            index -= 1
        }
        return [1] + result
    }

    /// The exact product; no digits are lost, whatever the sizes.
    public static func * (left: DecimalNumber, right: DecimalNumber) -> DecimalNumber {
        var product = [Int](repeating: 0, count: left.digits.count + right.digits.count)
        for (leftIndex, leftDigit) in left.digits.reversed().enumerated() where leftDigit != 0 {
            for (rightIndex, rightDigit) in right.digits.reversed().enumerated() {
                product[leftIndex + rightIndex] += Int(leftDigit) * Int(rightDigit)
            }
        }
        var carry = 0
        for index in product.indices {
            let total = product[index] + carry
            product[index] = total % 10
            carry = total / 10
        }
        return DecimalNumber(
            isNegative: left.isNegative != right.isNegative,
            digits: product.reversed().map { UInt8($0) },
            exponent: left.exponent + right.exponent
        )
    }

    /// The number divided by ten to the power `power`, exact, by moving the exponent.
    public func divided(byPowerOfTen power: Int) -> DecimalNumber {
        DecimalNumber(isNegative: isNegative, digits: digits, exponent: exponent - power)
    }

    /// Total digits as DRF's precision check counts them from `as_tuple()`: zeros implied
    /// by a positive exponent count (`1e3` has 4), and so do the zeros between the point
    /// and the first digit (`0.05` has 2).
    public var digitCount: Int {
        if exponent >= 0 { return digits.count + exponent }
        return max(digits.count, -exponent)
    }

    /// Digits before the decimal point as DRF's precision check counts them; `0.5` has none.
    public var wholeDigitCount: Int {
        if exponent >= 0 { return digits.count + exponent }
        return max(digits.count + exponent, 0)
    }

    /// Digits after the decimal point as DRF's precision check counts them: `1.50` has 2.
    public var decimalPlaces: Int { max(-exponent, 0) }

    /// Lossless plain text without exponent, as Python's `'{:f}'` writes it: `"1000.10"`,
    /// `"1000"` for `1e3`, `"-0.00"` for negative zero. Stored in SQLite TEXT columns, and
    /// read back with `parse`. It has a character for every digit the exponent implies.
    public var storageText: String {
        let sign = isNegative ? "-" : ""
        let written = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if exponent >= 0 {
            let zeros = isZero ? "" : String(repeating: "0", count: exponent)
            return sign + written + zeros
        }
        let places = -exponent
        if digits.count > places {
            let split = written.index(written.endIndex, offsetBy: -places)
            return sign + written[..<split] + "." + written[split...]
        }
        return sign + "0." + String(repeating: "0", count: places - digits.count) + written
    }

    /// Same as `storageText`, so logs and test failures show the exact value.
    public var description: String { storageText }

    /// Numeric order; `1.5` and `1.50` are equal, and so are `0` and `-0`.
    public static func < (left: DecimalNumber, right: DecimalNumber) -> Bool {
        let leftNegative = left.isNegative && !left.isZero
        let rightNegative = right.isNegative && !right.isZero
        if leftNegative != rightNegative { return leftNegative }
        let order = compareMagnitudes(left, right)
        return leftNegative ? order > 0 : order < 0
    }

    /// Numeric equality, as Python compares decimals: `1.5 == 1.50` and `0 == -0`.
    public static func == (left: DecimalNumber, right: DecimalNumber) -> Bool {
        if left.isZero || right.isZero { return left.isZero && right.isZero }
        return left.isNegative == right.isNegative && compareMagnitudes(left, right) == 0
    }

    /// Hashes the numeric value, so equal numbers of different shapes hash alike.
    public func hash(into hasher: inout Hasher) {
        if isZero {
            hasher.combine(0)
            return
        }
        let significant = digits.reversed().drop { $0 == 0 }
        hasher.combine(isNegative)
        hasher.combine(exponent + digits.count)
        hasher.combine(Array(significant))
    }

    /// -1, 0 or 1 as the magnitude of `left` is below, equal to or above that of `right`.
    private static func compareMagnitudes(_ left: DecimalNumber, _ right: DecimalNumber) -> Int {
        if left.isZero || right.isZero {
            if left.isZero && right.isZero { return 0 }
            return left.isZero ? -1 : 1
        }
        let leftTop = left.exponent + left.digits.count
        let rightTop = right.exponent + right.digits.count
        if leftTop != rightTop { return leftTop < rightTop ? -1 : 1 }
        let length = max(left.digits.count, right.digits.count)
        for index in 0..<length {
            let leftDigit = index < left.digits.count ? left.digits[index] : 0
            let rightDigit = index < right.digits.count ? right.digits[index] : 0
            if leftDigit != rightDigit { return leftDigit < rightDigit ? -1 : 1 }
        }
        return 0
    }
}
