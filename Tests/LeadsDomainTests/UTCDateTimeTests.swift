import LeadsDomain
import Testing

/// Expectations come from DRF's `DateTimeField` with `TIME_ZONE = "UTC"` on Python 3.11
/// and Django 5.2, rendered as DRF renders them.
@Suite("UTCDateTime")
struct UTCDateTimeTests {
    @Test(
        "reads what DRF's DateTimeField reads, in UTC",
        arguments: [
            ("2026-01-31T12:00:00Z", "2026-01-31T12:00:00Z"),
            ("2026-01-31T12:00:00", "2026-01-31T12:00:00Z"),
            ("2026-01-31 12:00", "2026-01-31T12:00:00Z"),
            ("2026-01-31", "2026-01-31T00:00:00Z"),
            ("2026-01-31T12:00:00.1Z", "2026-01-31T12:00:00.100000Z"),
            ("2026-01-31T12:00:00.12Z", "2026-01-31T12:00:00.120000Z"),
            ("2026-01-31T12:00:00.123Z", "2026-01-31T12:00:00.123000Z"),
            ("2026-01-31T12:00:00.1234Z", "2026-01-31T12:00:00.123400Z"),
            ("2026-01-31T12:00:00.12345Z", "2026-01-31T12:00:00.123450Z"),
            ("2026-01-31T12:00:00.123456Z", "2026-01-31T12:00:00.123456Z"),
            ("2026-01-31T12:00:00.1234567Z", "2026-01-31T12:00:00.123456Z"),
            ("2026-01-31T12:00:00,5Z", "2026-01-31T12:00:00.500000Z"),
            ("2026-01-31T12:00:00.000000Z", "2026-01-31T12:00:00Z"),
            ("2026-01-31T12:00+05:30", "2026-01-31T06:30:00Z"),
            ("2026-01-31T02:00-05:00", "2026-01-31T07:00:00Z"),
            ("2026-01-31T12:00:00+0530", "2026-01-31T06:30:00Z"),
            ("2026-01-31T12:00+05", "2026-01-31T07:00:00Z"),
            ("2026-01-31T12:00 +05:30", "2026-01-31T06:30:00Z"),
            ("2024-02-29T23:59:59.999999-00:01", "2024-03-01T00:00:59.999999Z"),
            ("2026-1-5 1:2", "2026-01-05T01:02:00Z"),
            ("2026-01-31T12:00:00Z\n", "2026-01-31T12:00:00Z"),
            ("2026-01-31X12:00", "2026-01-31T12:00:00Z"),
            ("2026-01-31T10101055", "2026-01-31T10:10:10.550000Z"),
            ("2026-01-31T12:00+00:60", "2026-01-31T11:00:00Z"),
            ("0001-01-01T00:00-01:00", "0001-01-01T01:00:00Z"),
            ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.500000Z"),
            ("iso-8601", "1900-01-01T00:00:00Z"),
            ("ISO-8601", "1900-01-01T00:00:00Z"),
        ]
    )
    func parsesValidDateTimes(written: String, expected: String) throws {
        let instant = try #require(UTCDateTime.parse(written))

        #expect(instant.isoText == expected)
    }

    @Test(
        "refuses what DRF's DateTimeField refuses",
        arguments: [
            "2026-01-31T24:00", "2026-01-31T12:60", "2026-02-30T12:00", "2026-01-31T12:00+24:00",
            "2026-01-31T12:00Z+01:00", "2026-01-31T", "x", "", "0001-01-01T00:00+01:00",
            "9999-12-31T23:59-01:00",
        ]
    )
    func refusesInvalidDateTimes(written: String) {
        #expect(UTCDateTime.parse(written) == nil)
    }

    @Test("carries microseconds into seconds and keeps them in range")
    func normalisesMicroseconds() {
        let forward = UTCDateTime(secondsSinceEpoch: 10, microseconds: 2_500_000)
        let backward = UTCDateTime(secondsSinceEpoch: 10, microseconds: -1)

        #expect(forward.secondsSinceEpoch == 12 && forward.microseconds == 500_000)
        #expect(backward.secondsSinceEpoch == 9 && backward.microseconds == 999_999)
        #expect(backward < forward)
    }

    @Test("writes the epoch, dates before it and the start of a date")
    func writesISOText() throws {
        #expect(
            UTCDateTime(secondsSinceEpoch: 0, microseconds: 0).isoText == "1970-01-01T00:00:00Z"
        )
        #expect(
            UTCDateTime(secondsSinceEpoch: -1, microseconds: 250).isoText
                == "1969-12-31T23:59:59.000250Z"
        )

        let date = try #require(CalendarDate(year: 2026, month: 1, day: 31))
        let midnight = UTCDateTime(startOf: date)
        #expect(midnight.isoText == "2026-01-31T00:00:00Z")
        #expect(midnight.date == date)
        #expect(midnight == UTCDateTime.parse("2026-01-31T00:00:00Z"))
    }

    @Test("reads the system clock")
    func readsTheClock() {
        let earliestPlausible = UTCDateTime.parse("2024-01-01T00:00:00Z")!

        #expect(UTCDateTime.now() > earliestPlausible)
    }
}
