/// A date without time or time zone, for the lead's expected close date; always a real
/// calendar day in years 1 to 9999, the range Python's `date` allows.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int

    /// The month, 1...12.
    public let month: Int

    /// The day of the month, valid for that month and year.
    public let day: Int

    /// Creates a date when the parts name a real calendar day, nil otherwise.
    public init?(year: Int, month: Int, day: Int) {
        guard CivilCalendar.isValidDate(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads a date as DRF's `DateField` does with its ISO 8601 input format: Python's
    /// `date.fromisoformat` (which also takes `20260131` and week dates such as
    /// `2026-W05-6`), then Django's lenient `YYYY-M-D` pattern; nil when neither gives a
    /// real calendar day, so `2025-02-30` is refused.
    public static func parse(_ text: String) -> CalendarDate? {
        if let parts = PythonISOFormat.date(text) {
            return CalendarDate(year: parts.year, month: parts.month, day: parts.day)
        }
        if case .matched(let fields) = DjangoDatePatterns.date(text) {
            return CalendarDate(year: fields.year, month: fields.month, day: fields.day)
        }
        return nil
    }

    /// The date as `YYYY-MM-DD`, the form DRF renders and the form stored in SQLite.
    public var isoText: String {
        Digits.padded(year, width: 4) + "-" + Digits.padded(month, width: 2) + "-"
            + Digits.padded(day, width: 2)
    }

    /// Same as `isoText`.
    public var description: String { isoText }

    /// Calendar order.
    public static func < (left: CalendarDate, right: CalendarDate) -> Bool {
        (left.year, left.month, left.day) < (right.year, right.month, right.day)
    }
}
