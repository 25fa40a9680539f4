/// The parts of a date and time as a parser found them, before any range check.
struct DateTimeFields: Equatable {
    /// Calendar year as written.
    var year = 0
    /// Month as written.
    var month = 0
    /// Day of the month as written.
    var day = 0
    /// Hour as written.
    var hour = 0
    /// Minute as written.
    var minute = 0
    /// Second as written.
    var second = 0
    /// Microseconds, already scaled from the written fraction.
    var microsecond = 0
    /// Offset from UTC in microseconds, nil when the text named no zone.
    var offsetMicroseconds: Int?

    /// Whether Python's `datetime()` constructor accepts the parts.
    var isValid: Bool {
        CivilCalendar.isValidDate(year: year, month: month, day: day)
            && (0...23).contains(hour) && (0...59).contains(minute)
            && (0...59).contains(second) && (0...999_999).contains(microsecond)
    }

    /// Microseconds since 1970-01-01T00:00:00Z, with the offset taken away.
    var microsecondsSinceEpoch: Int {
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return seconds * 1_000_000 + microsecond - (offsetMicroseconds ?? 0)
    }
}
