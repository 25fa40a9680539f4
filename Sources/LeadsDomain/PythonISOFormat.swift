/// Python 3.11's `date.fromisoformat` and `datetime.fromisoformat` as their C
/// implementation behaves, the first parser Django tries.
///
/// The C code reads UTF-8 bytes, trusts a terminating NUL rather than the length in
/// places, and does not insist on reaching the end of the text everywhere, so it accepts
/// some surprising strings: `2025010199` is 2025-01-01 as a date, and `T10101055` is
/// 10:10:10.55. The backend accepts them, so this server does too.
enum PythonISOFormat {
    /// The text as the C code sees it: UTF-8 bytes and then NULs to read past the end.
    private struct Bytes {
        let storage: [UInt8]
        let count: Int

        init(_ text: String) {
            storage = Array(text.utf8) + [UInt8](repeating: 0, count: 16)
            count = storage.count - 16
        }

        subscript(index: Int) -> UInt8 {
            index < storage.count ? storage[index] : 0
        }
    }

    /// `date.fromisoformat`: `YYYY-MM-DD`, `YYYYMMDD`, or an ISO week date.
    static func date(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Bytes(text)
        guard [7, 8, 10].contains(bytes.count) else { return nil }
        guard let parsed = parseDate(bytes, length: bytes.count),
            CivilCalendar.isValidDate(year: parsed.year, month: parsed.month, day: parsed.day)
        else { return nil }
        return parsed
    }

    /// `datetime.fromisoformat`: a date, any one character, then a time with an optional
    /// zone; a date alone is midnight.
    static func dateTime(_ text: String) -> DateTimeFields? {
        guard text.unicodeScalars.count >= 7 else { return nil }
        let bytes = Bytes(text)
        let separator = separatorPosition(bytes)
        guard let date = parseDate(bytes, length: separator ?? Int.max) else { return nil }

        var fields = DateTimeFields(year: date.year, month: date.month, day: date.day)
        if let separator, bytes.count > separator {
            let lead = bytes[separator]
            let width = lead & 0x80 == 0 ? 1 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF0 == 0xF0 ? 4 : 2
            guard parseTime(bytes, from: separator + width, into: &fields) else { return nil }
        }
        return fields.isValid ? fields : nil
    }

    /// Where the date part ends, judged from characters 4, 5, 8 and 10 as Python does;
    /// nil where Python gives up (the length is then unbounded).
    private static func separatorPosition(_ bytes: Bytes) -> Int? {
        let count = bytes.count
        if count == 7 { return 7 }
        if bytes[4] == UInt8(ascii: "-") {
            guard bytes[5] == UInt8(ascii: "W") else { return 10 }
            guard count > 8 && bytes[8] == UInt8(ascii: "-") else { return 8 }
            if count == 9 { return nil }
            return count > 10 && isDigit(bytes[10]) ? 8 : 10
        }
        guard bytes[4] == UInt8(ascii: "W") else { return 8 }
        var index = 7
        while index < count && isDigit(bytes[index]) { index += 1 }
        if index < 9 { return index }
        return index % 2 == 0 ? 7 : 8
    }

    /// The date at the start of the text; `length` bounds only the week form.
    private static func parseDate(_ bytes: Bytes, length: Int)
        -> (year: Int, month: Int, day: Int)?
    {
        guard let year = digits(bytes, at: 0, count: 4) else { return nil }
        var position = 4
        let usesSeparator = bytes[position] == UInt8(ascii: "-")
        if usesSeparator { position += 1 }

        if bytes[position] == UInt8(ascii: "W") {
            guard let week = digits(bytes, at: position + 1, count: 2) else { return nil }
            position += 3
            var weekday = 1
            if position < length {
                if usesSeparator {
                    guard bytes[position] == UInt8(ascii: "-") else { return nil }
                    position += 1
                }
                guard let day = digits(bytes, at: position, count: 1) else { return nil }
                weekday = day
            }
            return CivilCalendar.dateFromISOWeek(year: year, week: week, weekday: weekday)
        }

        guard let month = digits(bytes, at: position, count: 2) else { return nil }
        position += 2
        if usesSeparator {
            guard bytes[position] == UInt8(ascii: "-") else { return nil }
            position += 1
        }
        guard let day = digits(bytes, at: position, count: 2) else { return nil }
        return (year, month, day)
    }

    /// The time and zone after the separator; false where Python raises.
    private static func parseTime(
        _ bytes: Bytes,
        from start: Int,
        into fields: inout DateTimeFields
    )
        -> Bool
    {
        let end = bytes.count
        var zoneStart = start
        repeat {
            let byte = bytes[zoneStart]
            if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                break
            }
            zoneStart += 1
        } while zoneStart < end

        guard let time = parseClock(bytes, from: start, to: zoneStart) else { return false }
        fields.hour = time.hour
        fields.minute = time.minute
        fields.second = time.second
        fields.microsecond = time.microsecond
        if zoneStart == end { return !time.hasTrailingText }

        if bytes[zoneStart] == UInt8(ascii: "Z") {
            fields.offsetMicroseconds = 0
            return bytes[zoneStart + 1] == 0
        }
        let sign = bytes[zoneStart] == UInt8(ascii: "-") ? -1 : 1
        guard let zone = parseClock(bytes, from: zoneStart + 1, to: end), !zone.hasTrailingText
        else { return false }
        let seconds = sign * (zone.hour * 3600 + zone.minute * 60 + zone.second)
        let offset = seconds == 0 ? 0 : seconds * 1_000_000 + sign * zone.microsecond
        guard offset.magnitude < 86_400 * 1_000_000 else { return false }
        fields.offsetMicroseconds = offset
        return true
    }

    /// A clock reading `HH[:MM[:SS[.f...]]]` or the same without colons, between `start`
    /// and `end`, as Python's `parse_hh_mm_ss_ff` reads it, with whether text is left
    /// before `end`; nil where Python fails.
    private static func parseClock(_ bytes: Bytes, from start: Int, to end: Int)
        -> (hour: Int, minute: Int, second: Int, microsecond: Int, hasTrailingText: Bool)?
    {
        var values = [0, 0, 0]
        var position = start
        var hasSeparator = true
        var component = 0
        while component < 3 {
            guard let value = digits(bytes, at: position, count: 2) else { return nil }
            values[component] = value
            position += 2
            let next = bytes[position]
            position += 1
            if component == 0 { hasSeparator = next == UInt8(ascii: ":") }
            if position >= end {
                return (values[0], values[1], values[2], 0, next != 0)
            }
            if hasSeparator && next == UInt8(ascii: ":") {
                component += 1
                continue
            }
            if next == UInt8(ascii: ".") || next == UInt8(ascii: ",") { break }
            guard !hasSeparator else { return nil }
            position -= 1
            component += 1
        }

        let fractionLength = min(end - position, 6)
        guard fractionLength > 0,
            var microsecond = digits(bytes, at: position, count: fractionLength)
        else { return nil }
        for _ in fractionLength..<6 { microsecond *= 10 }
        position += fractionLength
        while isDigit(bytes[position]) { position += 1 }
        return (values[0], values[1], values[2], microsecond, bytes[position] != 0)
    }

    /// `count` ASCII digits at `position` as a number, nil if any is not a digit.
    private static func digits(_ bytes: Bytes, at position: Int, count: Int) -> Int? {
        var value = 0
        for index in position..<(position + count) {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// ASCII digits only; Python's C parser knows no other scripts.
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
