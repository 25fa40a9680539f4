#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Clock readings and their UTC text form, without Foundation's formatters on the hot
/// path of every access line.
public enum Timestamp {
    /// The current time in seconds since the Unix epoch.
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// Formats seconds since the epoch as `2026-01-31T12:00:00.123Z`.
    public static func iso8601(_ seconds: Double) -> String {
        var bytes: [UInt8] = []
        appendISO8601(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `iso8601(_:)` as bytes, for log lines built without strings.
    public static func appendISO8601(_ seconds: Double, to bytes: inout [UInt8]) {
        var whole = time_t(seconds.rounded(.down))
        let milliseconds = Int((seconds - Double(whole)) * 1000)
        var parts = tm()
        gmtime_r(&whole, &parts)

        appendDigits(Int(parts.tm_year) + 1900, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(Int(parts.tm_mon) + 1, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(Int(parts.tm_mday), 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(Int(parts.tm_hour), 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_min), 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_sec), 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(milliseconds, 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Appends a non-negative number with at least `width` digits, zero-padded.
    private static func appendDigits(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = max(0, value)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(width, digits.count) {
            bytes.append(UInt8(ascii: "0"))
        }
        bytes.append(contentsOf: digits.reversed())
    }
}
