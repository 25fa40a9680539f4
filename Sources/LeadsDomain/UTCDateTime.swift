import Glibc

/// An instant in UTC with microsecond precision, the precision of Python's `datetime`, for
/// the lead's follow-up date and its timestamps. The backend runs with `TIME_ZONE = "UTC"`,
/// so every instant is kept and shown in UTC.
public struct UTCDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z; negative before it.
    public let secondsSinceEpoch: Int64

    /// Microseconds past `secondsSinceEpoch`, 0...999_999.
    public let microseconds: Int

    /// Creates an instant; `microseconds` outside 0...999_999 carries into the seconds.
    public init(secondsSinceEpoch: Int64, microseconds: Int) {
        let carry =
            microseconds >= 0 ? microseconds / 1_000_000 : (microseconds + 1) / 1_000_000 - 1
        self.secondsSinceEpoch = secondsSinceEpoch + Int64(carry)
        self.microseconds = microseconds - carry * 1_000_000
    }

    /// Creates an instant from microseconds since the epoch.
    init(microsecondsSinceEpoch: Int) {
        self.init(secondsSinceEpoch: 0, microseconds: microsecondsSinceEpoch)
    }

    /// The instant at midnight UTC starting a date.
    public init(startOf date: CalendarDate) {
        let days = CivilCalendar.daysSinceEpoch(year: date.year, month: date.month, day: date.day)
        self.init(secondsSinceEpoch: Int64(days) * 86_400, microseconds: 0)
    }

    /// Reads a date and time as DRF's `DateTimeField` does: Django's `parse_datetime`
    /// (Python's `datetime.fromisoformat`, then Django's pattern), with naive times taken
    /// as UTC and offsets converted to UTC; nil for anything DRF rejects. A date alone is
    /// midnight UTC, as Python reads it.
    public static func parse(_ text: String) -> UTCDateTime? {
        if case .instant(let instant) = read(text) { return instant }
        return nil
    }

    /// What DRF's `DateTimeField` makes of a text, with the two ways it can fail.
    enum Reading: Equatable {
        /// A valid instant.
        case instant(UTCDateTime)
        /// Parsed, but moving it to UTC leaves years 1...9999: "Datetime value out of
        /// range.".
        case outOfRange
        /// Not a date and time: "Datetime has wrong format. ...".
        case invalid
    }

    /// Reads a text the way DRF's `DateTimeField.to_internal_value` does.
    static func read(_ text: String) -> Reading {
        var fields: DateTimeFields
        if let parsed = PythonISOFormat.dateTime(text) {
            fields = parsed
        } else {
            switch DjangoDatePatterns.dateTime(text) {
            case .matched(let parsed):
                fields = parsed
            case .invalid:
                return .invalid
            case .noMatch:
                // DRF then hands its format name to `strptime` as if it were a pattern.
                guard DjangoDatePatterns.matchesFormatName(text) else { return .invalid }
                fields = DateTimeFields(year: 1900, month: 1, day: 1)
            }
        }

        let instant = UTCDateTime(microsecondsSinceEpoch: fields.microsecondsSinceEpoch)
        guard instant >= .earliest && instant <= .latest else { return .outOfRange }
        return .instant(instant)
    }

    /// 0001-01-01T00:00:00Z, the first instant Python's `datetime` can hold.
    static let earliest = UTCDateTime(
        secondsSinceEpoch: Int64(CivilCalendar.daysSinceEpoch(year: 1, month: 1, day: 1)) * 86_400,
        microseconds: 0
    )

    /// 9999-12-31T23:59:59.999999Z, the last instant Python's `datetime` can hold.
    static let latest = UTCDateTime(
        secondsSinceEpoch: Int64(CivilCalendar.daysSinceEpoch(year: 9999, month: 12, day: 31))
            * 86_400 + 86_399,
        microseconds: 999_999
    )

    /// The current time from the system clock.
    public static func now() -> UTCDateTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UTCDateTime(
            secondsSinceEpoch: Int64(time.tv_sec),
            microseconds: Int(time.tv_nsec / 1000)
        )
    }

    /// The calendar date of the instant in UTC.
    public var date: CalendarDate {
        let days = Int(floorDivide(secondsSinceEpoch, 86_400))
        let parts = CivilCalendar.date(daysSinceEpoch: days)
        return CalendarDate(year: parts.year, month: parts.month, day: parts.day)!
    }

    /// The instant as DRF renders it: `2026-01-31T12:00:00Z`, with `.ffffff` only when the
    /// microseconds are not zero (Python's `isoformat()` with `+00:00` written as `Z`).
    public var isoText: String {
        let secondOfDay = Int(secondsSinceEpoch - floorDivide(secondsSinceEpoch, 86_400) * 86_400)
        var text = date.isoText + "T" + Digits.padded(secondOfDay / 3600, width: 2) + ":"
        text += Digits.padded(secondOfDay / 60 % 60, width: 2) + ":"
        text += Digits.padded(secondOfDay % 60, width: 2)
        if microseconds != 0 { text += "." + Digits.padded(microseconds, width: 6) }
        return text + "Z"
    }

    /// Same as `isoText`.
    public var description: String { isoText }

    /// Time order.
    public static func < (left: UTCDateTime, right: UTCDateTime) -> Bool {
        (left.secondsSinceEpoch, left.microseconds) < (right.secondsSinceEpoch, right.microseconds)
    }

    /// Division rounding towards negative infinity, so times before 1970 fall on the
    /// right day.
    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
