/// A request-target in one of the forms this server answers (RFC 9112 section 3.2): origin
/// form (`/path?query`), asterisk form (`*`, for server-wide OPTIONS) and absolute form
/// (`http://host:port/path?query`), which clients send to proxies and which a server must
/// accept too. Authority form belongs to CONNECT, which a server that is not a proxy
/// refuses.
struct RequestTarget: Equatable {
    /// The path and query, as an origin-form target carries them, so routing and the
    /// application never have to know which form was sent. Asterisk form stays `*`.
    var originForm: String
    /// The host and optional port of an absolute-form target, which takes the place of
    /// the `Host` field (RFC 9112 section 3.2.2); nil for the other forms.
    var authority: String?

    /// Reads a target from the request line, or nil when it is in no accepted form.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> RequestTarget? {
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }

        if bytes.first == UInt8(ascii: "/") {
            return RequestTarget(originForm: String(decoding: bytes, as: UTF8.self))
        }
        if bytes.count == 1 && bytes.first == UInt8(ascii: "*") {
            return RequestTarget(originForm: "*")
        }
        return parseAbsoluteForm(bytes)
    }

    /// Splits `scheme://authority[/path][?query]`. Only the `http` and `https` schemes
    /// name something this server can be; userinfo (`user@host`) is refused, as RFC 9110
    /// section 4.2.4 deprecates it and it could hide the real host.
    private static func parseAbsoluteForm(
        _ bytes: UnsafeBufferPointer<UInt8>.SubSequence
    ) -> RequestTarget? {
        guard let colon = bytes.firstIndex(of: ASCII.colon) else { return nil }
        let scheme = bytes[..<colon]
        guard
            ASCII.equalsIgnoringCase(scheme, "http".utf8)
                || ASCII.equalsIgnoringCase(scheme, "https".utf8)
        else {
            return nil
        }
        let afterScheme = bytes[(colon + 1)...]
        guard afterScheme.starts(with: "//".utf8) else { return nil }

        let hierarchy = afterScheme.dropFirst(2)
        let authorityEnd =
            hierarchy.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
            ?? hierarchy.endIndex
        let authority = hierarchy[..<authorityEnd]
        guard !authority.isEmpty, authority.allSatisfy(ASCII.isAuthorityCharacter) else {
            return nil
        }

        let rest = hierarchy[authorityEnd...]
        var originForm = rest.first == UInt8(ascii: "/") ? "" : "/"
        originForm += String(decoding: rest, as: UTF8.self)
        return RequestTarget(
            originForm: originForm,
            authority: String(decoding: authority, as: UTF8.self)
        )
    }

    /// Creates a target from its parts.
    init(originForm: String, authority: String? = nil) {
        self.originForm = originForm
        self.authority = authority
    }
}
