/// Reads an `Authorization` header the way DRF's `BasicAuthentication` does, so every
/// malformed header gets the same 401 message as from the real backend.
enum BasicCredentials {
    /// What the header offered.
    enum Offer: Equatable {
        /// No header, or a scheme other than Basic: another authentication may apply.
        case none
        /// A Basic header that cannot be read; the message is DRF's detail for it.
        case malformed(String)
        /// A username and password to check.
        case credentials(username: String, password: String)
    }

    /// DRF's detail for `Basic` without credentials.
    static let noCredentialsDetail = "Invalid basic header. No credentials provided."
    /// DRF's detail for a credentials part containing whitespace.
    static let spacesDetail =
        "Invalid basic header. Credentials string should not contain spaces."
    /// DRF's detail for credentials that do not decode to `username:password`.
    static let encodingDetail = "Invalid basic header. Credentials not correctly base64 encoded."

    /// Parses the header value: split on ASCII whitespace, scheme compared without regard to
    /// case, Base64 decoded leniently, text read as UTF-8 or else ISO-8859-1, and split at
    /// the first colon.
    static func parse(_ header: String?) -> Offer {
        guard let header else { return .none }

        let parts = header.utf8.split(omittingEmptySubsequences: true) { byte in
            byte == 0x20 || (0x09...0x0D).contains(byte)
        }
        guard let scheme = parts.first, isBasic(scheme) else { return .none }
        guard parts.count > 1 else { return .malformed(noCredentialsDetail) }
        guard parts.count == 2 else { return .malformed(spacesDetail) }

        guard let bytes = LenientBase64.decode(parts[1]) else {
            return .malformed(encodingDetail)
        }
        let text = String(validating: bytes, as: UTF8.self) ?? latin1(bytes)
        guard let colon = text.firstIndex(of: ":") else { return .malformed(encodingDetail) }
        return .credentials(
            username: String(text[..<colon]),
            password: String(text[text.index(after: colon)...])
        )
    }

    /// Whether a scheme token is `basic` in any case.
    private static func isBasic(_ scheme: Substring.UTF8View) -> Bool {
        let expected = "basic".utf8
        guard scheme.count == expected.count else { return false }
        return zip(scheme, expected).allSatisfy { byte, letter in
            byte | 0x20 == letter
        }
    }

    /// Each byte as the character of the same number, as Python's `latin-1` codec reads it.
    private static func latin1(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(Unicode.Scalar(byte))
        }
        return String(scalars)
    }
}
