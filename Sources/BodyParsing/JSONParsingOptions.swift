/// Limits and strictness of `JSONParser`, so one parser serves both a lenient reading of
/// Python's `json.loads` and the stricter reading DRF applies to request bodies.
public struct JSONParsingOptions: Sendable, Equatable {
    /// How many arrays and objects may nest. Python would overflow its stack long before
    /// running out of input; a fixed limit turns that into an ordinary parse error. Keep it
    /// in the thousands at most: releasing a very deep value recurses once per level.
    public var maximumDepth: Int

    /// Refuses `NaN`, `Infinity` and `-Infinity`, as DRF does with `STRICT_JSON` on (its
    /// default), with the message of DRF's `strict_constant`.
    public var rejectsNonFiniteNumbers: Bool

    /// Refuses integers with more digits than this, as Python 3.11 and later do when
    /// converting text to `int` (4300 by default); nil accepts any length.
    public var maximumIntegerDigits: Int?

    /// Creates options; the defaults accept everything `json.loads` accepts.
    public init(
        maximumDepth: Int = 512,
        rejectsNonFiniteNumbers: Bool = false,
        maximumIntegerDigits: Int? = nil
    ) {
        self.maximumDepth = maximumDepth
        self.rejectsNonFiniteNumbers = rejectsNonFiniteNumbers
        self.maximumIntegerDigits = maximumIntegerDigits
    }

    /// What a default DRF `JSONParser` on CPython 3.11+ accepts: no non-finite literals and
    /// at most 4300 integer digits.
    public static let djangoRESTFramework = JSONParsingOptions(
        rejectsNonFiniteNumbers: true,
        maximumIntegerDigits: 4300
    )
}
