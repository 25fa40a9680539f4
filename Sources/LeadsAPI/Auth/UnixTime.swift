#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock time in whole seconds since the Unix epoch, the unit of the `sessions` table
/// and of cookie expiry dates.
enum UnixTime {
    /// A Unix time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form of
    /// Django's `http_date`.
    static func imfDate(_ secondsSinceEpoch: Int) -> String {
        var seconds = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)

        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        return days[Int(parts.tm_wday)] + ", " + twoDigits(parts.tm_mday) + " "
            + months[Int(parts.tm_mon)] + " " + String(Int(parts.tm_year) + 1900) + " "
            + twoDigits(parts.tm_hour) + ":" + twoDigits(parts.tm_min) + ":"
            + twoDigits(parts.tm_sec) + " GMT"
    }

    /// The current Unix time in whole seconds.
    static func now() -> Int {
        time(nil)
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
