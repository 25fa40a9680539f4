/// The expected worth of a lead: estimated value times win probability over 100.
public enum WeightedValue {
    /// Digits the weighted value column holds in total.
    static let maximumDigits = 18

    /// Decimal places the weighted value column keeps.
    static let places = 2

    /// Computes the weighted value, rounded half-even to 2 places as Python's default
    /// decimal context does; nil when either input is nil.
    ///
    /// The product is exact: validated inputs have at most 18 and 5 digits, well within
    /// the 28 digits Python computes with, so no intermediate rounding differs from the
    /// backend's.
    ///
    /// The column holds 18 digits with 2 decimal places. Win probability has no upper
    /// bound, so the product can outgrow it; the backend then fails inside the database.
    /// This server answers 400 instead, phrased as DRF phrases an oversized decimal and
    /// keyed by the read-only field, which tells the client which value to change:
    /// `{"weighted_value": ["Ensure that there are no more than 16 digits before the
    /// decimal point."]}`.
    public static func compute(
        estimatedValue: DecimalNumber?,
        winProbability: DecimalNumber?
    ) -> Result<DecimalNumber?, FieldErrors> {
        guard let estimatedValue, let winProbability else { return .success(nil) }

        let weighted = (estimatedValue * winProbability).divided(byPowerOfTen: 2)
        let wholeDigits = maximumDigits - places
        let tooLarge = FieldErrors(
            field: "weighted_value",
            message: ValidationMessage.maxWholeDigits(wholeDigits)
        )

        // Checked before rounding too, so absurd exponents never reach the digit arrays.
        guard weighted.wholeDigitCount <= wholeDigits else { return .failure(tooLarge) }
        let rounded = weighted.rounded(places: places)
        guard rounded.wholeDigitCount <= wholeDigits else { return .failure(tooLarge) }
        return .success(rounded)
    }
}
