/// Where a login or logout may send the browser: only paths on this server, so a link
/// with `?next=https://evil.example/` cannot turn the login page into a trampoline.
enum RedirectTarget {
    /// Django's `LOGIN_REDIRECT_URL` default, used when `next` is absent or unsafe.
    static let afterLogin = "/accounts/profile/"

    /// `next` when it is a path on this server: it starts with one `/` (not `//` or `/\`,
    /// which browsers read as another host) and holds no control character (browsers drop
    /// some of those, which could make `/<tab>/evil.example` a host again).
    static func safeLocalPath(_ next: String?) -> String? {
        guard let next else { return nil }

        let scalars = Array(next.unicodeScalars)
        guard scalars.first == "/" else { return nil }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return nil }
        guard !scalars.contains(where: isControl) else { return nil }
        return next
    }

    /// The `Location` value for a safe path, percent-encoding what Django's `iri_to_uri`
    /// encodes (spaces, quotes, angle brackets, non-ASCII and the like) and keeping the
    /// characters that carry URL structure.
    static func location(_ path: String) -> String {
        let kept = Set("/#%[]=:;$&()+,!?*@'~_.-".utf8)
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            let isAlphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if isAlphanumeric || kept.contains(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Unicode's `Cc` category: C0 controls, DEL and C1 controls.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
