/// Proleptic Gregorian calendar arithmetic over the years Python's `datetime` allows.
enum CivilCalendar {
    /// The first and last years Python's `date` can hold.
    static let years = 1...9999

    /// Whether February has 29 days.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in a month of a year; `month` is 1...12.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether the parts name a day Python's `date()` constructor accepts.
    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        years.contains(year) && (1...12).contains(month)
            && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// Days from 1970-01-01 to the date (negative before it).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date that lies `days` days after 1970-01-01.
    static func date(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Day of the week with Monday as 0, as Python's `weekday()` numbers them.
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return ((days % 7) + 7 + 3) % 7
    }

    /// The calendar date of an ISO week date, with the checks Python applies; nil for a
    /// week or weekday out of range or a year outside 1...9999.
    static func dateFromISOWeek(year: Int, week: Int, weekday isoWeekday: Int)
        -> (year: Int, month: Int, day: Int)?
    {
        guard years.contains(year) else { return nil }
        let januaryFirst = weekday(year: year, month: 1, day: 1)
        if week < 1 || week > 52 {
            let hasWeek53 = januaryFirst == 3 || (januaryFirst == 2 && isLeapYear(year))
            guard week == 53 && hasWeek53 else { return nil }
        }
        guard (1...7).contains(isoWeekday) else { return nil }

        let januaryFirstDays = daysSinceEpoch(year: year, month: 1, day: 1)
        var weekOneMonday = januaryFirstDays - januaryFirst
        if januaryFirst > 3 { weekOneMonday += 7 }
        let days = weekOneMonday + (week - 1) * 7 + isoWeekday - 1
        let result = date(daysSinceEpoch: days)
        return years.contains(result.year) ? result : nil
    }
}
