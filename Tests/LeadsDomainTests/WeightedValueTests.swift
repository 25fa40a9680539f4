import LeadsDomain
import Testing

/// Expectations come from Python: `(estimated * probability / 100).quantize(Decimal("0.01"))`.
@Suite("WeightedValue")
struct WeightedValueTests {
    @Test(
        "is estimated value times win probability over 100, rounded half-even",
        arguments: [
            ("1000.00", "50.00", "500.00"),
            ("1000.00", "33.33", "333.30"),
            ("0.01", "50.00", "0.00"),
            ("0.03", "50.00", "0.02"),
            ("0.05", "50.00", "0.02"),
            ("0.07", "50.00", "0.04"),
            ("12345.67", "12.34", "1523.46"),
            ("-100.01", "50.00", "-50.00"),
            ("-0.03", "50.00", "-0.02"),
            ("0.00", "99.99", "0.00"),
            ("9999999999999999.99", "100.00", "9999999999999999.99"),
            ("1000000000000000.00", "999.99", "9999900000000000.00"),
            ("99999999999999.99", "999.99", "999989999999999.90"),
        ]
    )
    func computes(estimated: String, probability: String, expected: String) throws {
        let result = WeightedValue.compute(
            estimatedValue: DecimalNumber.parse(estimated),
            winProbability: DecimalNumber.parse(probability)
        )

        let value = try #require(try result.get())
        #expect(value.storageText == expected)
    }

    @Test("is nil when either input is nil")
    func isNilWithoutBothInputs() throws {
        let value = DecimalNumber.parse("10")

        #expect(try WeightedValue.compute(estimatedValue: nil, winProbability: value).get() == nil)
        #expect(try WeightedValue.compute(estimatedValue: value, winProbability: nil).get() == nil)
        #expect(try WeightedValue.compute(estimatedValue: nil, winProbability: nil).get() == nil)
    }

    @Test(
        "fails when the result needs more than 16 whole digits",
        arguments: [
            ("9999999999999999.99", "100.01"),
            ("1000000000000000.00", "1000.00"),
            ("9999999999999999.99", "999.99"),
        ]
    )
    func refusesOversizedResult(estimated: String, probability: String) {
        let result = WeightedValue.compute(
            estimatedValue: DecimalNumber.parse(estimated),
            winProbability: DecimalNumber.parse(probability)
        )

        let expected = fieldErrors(
            (
                "weighted_value",
                ["Ensure that there are no more than 16 digits before the decimal point."]
            )
        )
        #expect(throws: expected) { try result.get() }
    }
}
