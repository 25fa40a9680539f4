/// The path forms Django's `APPEND_SLASH` redirect works with: the decoded path it matches
/// against the URL patterns, and the escaped form it writes into `Location`, so the
/// redirect points where the real backend's would, byte for byte.
enum DjangoPath {
    /// Bytes `escape_uri_path` leaves as they are besides letters and digits: Python's
    /// `quote` always-safe `_.-~` and Django's `/:@&+$,!*'()`.
    private static let pathSafe = Set("_.-~/:@&+$,!*'()".utf8)

    /// Bytes `iri_to_uri` leaves as they are besides letters and digits.
    private static let iriSafe = Set("_.-~/#%[]=:;$&()+,!?*@'".utf8)

    /// Django's `request.path` for a path as sent: `%XX` escapes decoded (an invalid one
    /// stays as written), then bytes that are not UTF-8 escaped again as `%XX`, as
    /// `repercent_broken_unicode` does.
    static func decoded(_ rawPath: String) -> String {
        var bytes: [UInt8] = []
        let raw = Array(rawPath.utf8)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "%"), index + 2 < raw.count,
                let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }

        var output = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                output.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                for byte in bytes[position..<(position + length)] { output += percent(byte) }
                position += length
            case .emptyInput:
                return output
            }
        }
    }

    /// Django's `escape_uri_path`: every byte of the UTF-8 text outside its safe set
    /// becomes an upper-case `%XX`, a `%` included.
    static func escaped(_ path: String) -> String {
        quote(path, safe: pathSafe)
    }

    /// Django's `iri_to_uri` for the query string of the redirect, which keeps `%`. The
    /// query arrives as bytes Django reads as Latin-1 before quoting them as UTF-8.
    static func queryForRedirect(_ rawQuery: String) -> String {
        let latin1 = String(String.UnicodeScalarView(rawQuery.utf8.map { Unicode.Scalar($0) }))
        return quote(latin1, safe: iriSafe)
    }

    /// Python's `urllib.parse.quote` with the given extra safe bytes.
    private static func quote(_ text: String, safe: Set<UInt8>) -> String {
        var output = ""
        for byte in text.utf8 {
            let isAlphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if isAlphanumeric || safe.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += percent(byte)
            }
        }
        return output
    }

    /// `%XX` in upper case, as Python writes escapes.
    private static func percent(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var text = "%"
        text.unicodeScalars.append(digits[Int(byte >> 4)])
        text.unicodeScalars.append(digits[Int(byte & 0x0F)])
        return text
    }

    /// The value of one hex digit, or nil.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
