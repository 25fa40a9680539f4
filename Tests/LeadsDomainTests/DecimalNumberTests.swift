import LeadsDomain
import Testing

/// Expectations come from Python 3.11's `decimal` module and DRF's `validate_precision`.
@Suite("DecimalNumber")
struct DecimalNumberTests {
    @Test(
        "reads what Python's Decimal() reads, keeping the written shape",
        arguments: [
            ("12", "12", 2, 2, 0),
            ("-1.50", "-1.50", 3, 1, 2),
            ("1e3", "1000", 4, 4, 0),
            ("1E-2", "0.01", 2, 0, 2),
            ("1e+3", "1000", 4, 4, 0),
            (".5", "0.5", 1, 0, 1),
            ("5.", "5", 1, 1, 0),
            ("+3", "3", 1, 1, 0),
            (" 12 ", "12", 2, 2, 0),
            ("\u{A0}12\u{A0}", "12", 2, 2, 0),
            ("1_000", "1000", 4, 4, 0),
            ("1._5", "1.5", 2, 1, 1),
            ("\u{661}\u{662}", "12", 2, 2, 0),
            ("\u{FF11}\u{FF12}", "12", 2, 2, 0),
            ("0.05", "0.05", 2, 0, 2),
            ("0.00", "0.00", 2, 0, 2),
            ("0", "0", 1, 1, 0),
            ("-0", "-0", 1, 1, 0),
            ("0e5", "0", 6, 6, 0),
            ("000123.4500", "123.4500", 7, 3, 4),
            ("1234567890123456.78", "1234567890123456.78", 18, 16, 2),
            ("12345678901234567890", "12345678901234567890", 20, 20, 0),
            ("0.001234", "0.001234", 6, 0, 6),
            ("1.2e-3", "0.0012", 4, 0, 4),
            ("0.1e1", "1", 1, 1, 0),
        ]
    )
    func parsesValidText(
        written: String,
        storage: String,
        digits: Int,
        wholeDigits: Int,
        places: Int
    ) throws {
        let number = try #require(DecimalNumber.parse(written))

        #expect(number.storageText == storage)
        #expect(number.digitCount == digits)
        #expect(number.wholeDigitCount == wholeDigits)
        #expect(number.decimalPlaces == places)
    }

    @Test(
        "refuses what Python refuses, and NaN and the infinities",
        arguments: [
            "", " ", "--1", "+-1", "1e", "e3", ".", "+", "1 0", "1.2.3", "0x10", "abc", "1,5",
            "NaN", "nan", "-nan", "sNaN", "nan12", "inf", "Inf", "-Infinity", "infinity",
            "1e1000000000000000000", "0e1000000000000000000", "1e-1999999999999999998",
            "1e9223372036854775808", "12\u{2603}",
        ]
    )
    func refusesInvalidText(written: String) {
        #expect(DecimalNumber.parse(written) == nil)
    }

    @Test("accepts exponents up to Python's limits")
    func acceptsExtremeExponents() throws {
        let large = try #require(DecimalNumber.parse("1e999999999999999999"))
        let small = try #require(DecimalNumber.parse("1e-1999999999999999997"))

        #expect(large.exponent == 999_999_999_999_999_999)
        #expect(large.digitCount == 1_000_000_000_000_000_000)
        #expect(small.decimalPlaces == 1_999_999_999_999_999_997)
    }

    @Test("keeps sign, coefficient digits and exponent as written")
    func keepsWrittenShape() throws {
        let number = try #require(DecimalNumber.parse("-001.50"))

        #expect(number.isNegative)
        #expect(number.digits == [1, 5, 0])
        #expect(number.exponent == -2)
    }

    @Test(
        "rounds half to even, negative numbers included",
        arguments: [
            ("2.5", 0, "2"), ("3.5", 0, "4"), ("-2.5", 0, "-2"), ("-3.5", 0, "-4"),
            ("0.5", 0, "0"), ("1.5", 0, "2"), ("1.005", 2, "1.00"), ("1.015", 2, "1.02"),
            ("1.025", 2, "1.02"), ("-1.005", 2, "-1.00"), ("-1.015", 2, "-1.02"),
            ("0.125", 2, "0.12"), ("0.135", 2, "0.14"), ("1.0051", 2, "1.01"),
            ("-1.0049", 2, "-1.00"), ("9.995", 2, "10.00"), ("-9.995", 2, "-10.00"),
            ("0.004", 2, "0.00"), ("-0.004", 2, "-0.00"), ("1e3", 2, "1000.00"),
            ("12", 2, "12.00"), ("0.001", 2, "0.00"),
        ]
    )
    func roundsHalfEven(written: String, places: Int, expected: String) throws {
        let number = try #require(DecimalNumber.parse(written))

        #expect(number.formatted(places: places) == expected)
        #expect(number.rounded(places: places).exponent == -places)
    }

    @Test("multiplies exactly beyond 18 digits")
    func multipliesExactly() throws {
        let largest = try #require(DecimalNumber.parse("9999999999999999.99"))
        let probability = try #require(DecimalNumber.parse("999.99"))
        let negative = try #require(DecimalNumber.parse("-0.5"))

        #expect((largest * probability).storageText == "9999899999999999990.0001")
        #expect((probability * negative).storageText == "-499.995")
        #expect((largest * DecimalNumber.parse("0")!).isZero)
    }

    @Test("divides by powers of ten without losing digits")
    func dividesByPowersOfTen() throws {
        let number = try #require(DecimalNumber.parse("12345"))

        #expect(number.divided(byPowerOfTen: 2).storageText == "123.45")
        #expect(number.divided(byPowerOfTen: 7).storageText == "0.0012345")
        #expect(number.divided(byPowerOfTen: -1).storageText == "123450")
    }

    @Test("compares and hashes by value, as Python does")
    func comparesByValue() throws {
        let values = try ["1.5", "1.50", "0", "-0", "0.00", "-2", "1e3", "1000.000"].map {
            try #require(DecimalNumber.parse($0))
        }

        #expect(values[0] == values[1])
        #expect(values[2] == values[3] && values[3] == values[4])
        #expect(values[6] == values[7])
        #expect(Set(values).count == 4)
        #expect(values[5] < values[3])
        #expect(values[3] < values[0])
        #expect(values[0] < values[6])
        #expect(!(values[6] < values[7]))
        #expect(DecimalNumber.parse("-1.5")! < DecimalNumber.parse("-1.49")!)
    }

    @Test("reads its own storage text back to the same shape")
    func storageTextRoundTrips() throws {
        for written in ["1000.10", "-0.00", "0.05", "1234567890123456.78", "-12"] {
            let number = try #require(DecimalNumber.parse(written))
            let reread = try #require(DecimalNumber.parse(number.storageText))

            #expect(reread.digits == number.digits)
            #expect(reread.exponent == number.exponent)
            #expect(reread.isNegative == number.isNegative)
            #expect(number.description == written)
        }
    }
}
