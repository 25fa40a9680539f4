/// Django's fallback patterns for dates and datetimes, tried when Python's
/// `fromisoformat` refuses the text.
///
/// They are regular expressions in Django; here they are read by hand, with the same
/// leniency: one- or two-digit months, days, hours and minutes, a space instead of `T`,
/// up to twelve fraction digits, whitespace before the zone, decimal digits of any script
/// (as Python's `\d` and `int()` allow), and one newline at the very end (as `$` allows).
enum DjangoDatePatterns {
    /// What a pattern made of the text.
    enum Outcome: Equatable {
        /// The pattern does not match; DRF tries its next way of reading.
        case noMatch
        /// The pattern matches but the numbers make no valid date or zone; DRF reports
        /// the wrong format without trying anything else.
        case invalid
        /// The pattern matches and gives these parts.
        case matched(DateTimeFields)
    }

    /// `\d{4}-\d{1,2}-\d{1,2}$`, anchored at the start.
    static func date(_ text: String) -> Outcome {
        var reader = Reader(text)
        guard let year = reader.digits(4...4), reader.take("-"),
            let month = reader.digits(1...2), reader.take("-"),
            let day = reader.digits(1...2), reader.atEnd
        else { return .noMatch }

        let fields = DateTimeFields(year: year, month: month, day: day)
        return fields.isValid ? .matched(fields) : .invalid
    }

    /// Django's `datetime_re`: date, `T` or space, `H:M`, optional `:S` with an optional
    /// fraction, optional whitespace, optional `Z` or `±HH[[:]MM]`, end.
    static func dateTime(_ text: String) -> Outcome {
        var reader = Reader(text)
        guard let year = reader.digits(4...4), reader.take("-"),
            let month = reader.digits(1...2), reader.take("-"),
            let day = reader.digits(1...2), reader.take("T") || reader.take(" "),
            let hour = reader.digits(1...2), reader.take(":"),
            let minute = reader.digits(1...2)
        else { return .noMatch }
        var fields = DateTimeFields(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute
        )

        if reader.take(":") {
            guard let second = reader.digits(1...2) else { return .noMatch }
            fields.second = second
            if reader.take(".") || reader.take(",") {
                guard let fraction = reader.digitText(1...12) else { return .noMatch }
                let kept = fraction.prefix(6) + Array(repeating: 0, count: 6)
                fields.microsecond = kept.prefix(6).reduce(0) { $0 * 10 + $1 }
            }
        }
        reader.skipWhitespace()

        var offsetMinutes: Int?
        if reader.take("Z") {
            offsetMinutes = 0
        } else if let sign = reader.peek, sign == "+" || sign == "-" {
            reader.position += 1
            guard let total = reader.offsetMinutes() else { return .noMatch }
            offsetMinutes = sign == "-" ? -total : total
        }
        guard reader.atEnd else { return .noMatch }

        if let offsetMinutes {
            guard offsetMinutes.magnitude < 24 * 60 else { return .invalid }
            fields.offsetMicroseconds = offsetMinutes * 60 * 1_000_000
        }
        return fields.isValid ? .matched(fields) : .invalid
    }

    /// Python's `datetime.strptime(text, "iso-8601")`, which DRF calls with its format
    /// name when nothing else matched: the format has no directives, so exactly that text
    /// (ignoring case the way Python's `re` does) parses as 1900-01-01 00:00.
    static func matchesFormatName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 8 else { return false }
        let dottedForms: [Unicode.Scalar: Set<UInt32>] = [
            "i": [0x49, 0x69, 0x130, 0x131],
            "s": [0x53, 0x73, 0x17F],
            "o": [0x4F, 0x6F],
        ]
        for (scalar, expected) in zip(scalars, "iso-8601".unicodeScalars) {
            if let forms = dottedForms[expected] {
                guard forms.contains(scalar.value) else { return false }
            } else if scalar != expected {
                return false
            }
        }
        return true
    }

    /// A cursor over the text's code points.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ text: String) {
            scalars = Array(text.unicodeScalars)
        }

        /// The next code point, if any.
        var peek: Unicode.Scalar? {
            position < scalars.count ? scalars[position] : nil
        }

        /// At the end, or before a single newline that ends the text, as `$` matches.
        var atEnd: Bool {
            position == scalars.count
                || (position == scalars.count - 1 && scalars[position] == "\n")
        }

        /// Consumes `expected` when it comes next.
        mutating func take(_ expected: Unicode.Scalar) -> Bool {
            guard peek == expected else { return false }
            position += 1
            return true
        }

        /// Consumes Python whitespace.
        mutating func skipWhitespace() {
            while let next = peek, PythonText.isWhitespace(next) { position += 1 }
        }

        /// A zone offset after its sign, `HH`, `HHMM` or `HH:MM`, in minutes; the minutes
        /// may exceed 59 as Django does not check them.
        mutating func offsetMinutes() -> Int? {
            guard let run = digitText(2...4), run.count != 3 else { return nil }
            var minutes = run.count == 4 ? run[2] * 10 + run[3] : 0
            if run.count == 2 && take(":") {
                guard let written = digitText(2...2) else { return nil }
                minutes = written[0] * 10 + written[1]
            }
            return (run[0] * 10 + run[1]) * 60 + minutes
        }

        /// The values of the run of decimal digits that comes next, nil when the run's
        /// length is outside `lengths` (no shorter reading could match either, since a
        /// digit never follows a digit group in these patterns).
        mutating func digitText(_ lengths: ClosedRange<Int>) -> [Int]? {
            var values: [Int] = []
            while let next = peek, let value = PythonText.decimalDigitValue(next) {
                values.append(value)
                position += 1
            }
            return lengths.contains(values.count) ? values : nil
        }

        /// The run of decimal digits that comes next as a number.
        mutating func digits(_ lengths: ClosedRange<Int>) -> Int? {
            digitText(lengths)?.reduce(0) { $0 * 10 + $1 }
        }
    }
}
