#if canImport(Glibc)
    import Glibc
#endif

/// The `Date` header value in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`), formatted
/// at most once per second per connection since formatting on every response is wasted
/// work at tens of thousands of requests a second.
struct HTTPDate {
    private var second = -1
    private var cached: [UInt8] = []

    /// The current date as header value bytes.
    mutating func current() -> [UInt8] {
        let now = time(nil)
        if now != second {
            second = now
            cached = HTTPDate.format(secondsSinceEpoch: now)
        }
        return cached
    }

    /// Formats a Unix time as IMF-fixdate.
    static func format(secondsSinceEpoch: Int) -> [UInt8] {
        var seconds = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)

        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        var output: [UInt8] = []
        output.reserveCapacity(29)
        output.append(contentsOf: days[Int(parts.tm_wday)].utf8)
        output.append(contentsOf: ", ".utf8)
        appendTwoDigits(Int(parts.tm_mday), to: &output)
        output.append(ASCII.space)
        output.append(contentsOf: months[Int(parts.tm_mon)].utf8)
        output.append(ASCII.space)
        ASCII.appendDecimal(Int(parts.tm_year) + 1900, to: &output)
        output.append(ASCII.space)
        appendTwoDigits(Int(parts.tm_hour), to: &output)
        output.append(ASCII.colon)
        appendTwoDigits(Int(parts.tm_min), to: &output)
        output.append(ASCII.colon)
        appendTwoDigits(Int(parts.tm_sec), to: &output)
        output.append(contentsOf: " GMT".utf8)
        return output
    }

    private static func appendTwoDigits(_ value: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "0") + UInt8(value / 10))
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
