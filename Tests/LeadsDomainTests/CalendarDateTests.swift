import LeadsDomain
import Testing

/// Expectations come from DRF's `DateField` on Python 3.11 and Django 5.2.
@Suite("CalendarDate")
struct CalendarDateTests {
    @Test(
        "reads what DRF's DateField reads",
        arguments: [
            ("2026-01-31", "2026-01-31"),
            ("20260131", "2026-01-31"),
            ("2026-W05-6", "2026-01-31"),
            ("2026-W05", "2026-01-26"),
            ("2026W056", "2026-01-31"),
            ("2026-W53-1", "2026-12-28"),
            ("2020-W53-5", "2021-01-01"),
            ("2026-1-5", "2026-01-05"),
            ("2024-02-29", "2024-02-29"),
            ("2000-02-29", "2000-02-29"),
            ("0001-01-01", "0001-01-01"),
            ("9999-12-31", "9999-12-31"),
            ("2025010199", "2025-01-01"),
            ("2026-01-31\n", "2026-01-31"),
            ("\u{662}\u{660}\u{662}\u{666}-01-31", "2026-01-31"),
        ]
    )
    func parsesValidDates(written: String, expected: String) throws {
        let date = try #require(CalendarDate.parse(written))

        #expect(date.isoText == expected)
    }

    @Test(
        "refuses what DRF's DateField refuses",
        arguments: [
            "1900-02-29", "2025-02-29", "2025-02-30", "2025-13-01", "0000-01-01", "2026-01-31 ",
            "2026-01-31T10:00", "2026/01/31", "31-01-2026", "", "2025-W53-1", "2026-00-10",
        ]
    )
    func refusesInvalidDates(written: String) {
        #expect(CalendarDate.parse(written) == nil)
    }

    @Test("exists only for real calendar days")
    func validatesParts() throws {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2023, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10000, month: 1, day: 1) == nil)

        let early = try #require(CalendarDate(year: 5, month: 3, day: 7))
        #expect(early.isoText == "0005-03-07")
        #expect(early < CalendarDate(year: 5, month: 3, day: 8)!)
    }
}
