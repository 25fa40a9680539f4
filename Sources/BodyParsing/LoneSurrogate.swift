/// How a lone UTF-16 surrogate from a JSON `\u` escape travels inside a Swift `String`.
///
/// Python keeps `"\udc00"` as a one-character string and DRF answers it with its own
/// message, but a Swift `String` holds only Unicode scalars. The parser therefore writes each
/// lone surrogate as a stand-in scalar at the same offset in the last private use plane
/// (U+10D800 to U+10DFFF), so length, order and the code point survive, and the validator
/// and the JSON writer can recognise it again.
public enum LoneSurrogate {
    /// How far the stand-in scalars sit above the surrogates they replace.
    private static let offset: UInt32 = 0x10_0000

    /// The stand-in for a surrogate code point from U+D800 to U+DFFF.
    public static func standIn(for codePoint: UInt32) -> Unicode.Scalar {
        precondition((0xD800...0xDFFF).contains(codePoint), "not a surrogate")
        return Unicode.Scalar(codePoint + offset)!
    }

    // TODO: A genuine U+10D800 to U+10DFFF in a body is read as a surrogate too; telling
    // them apart needs a string type that can hold surrogates.

    /// The surrogate code point a scalar stands for, or nil for an ordinary scalar.
    public static func codePoint(of scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        guard (0x10_D800...0x10_DFFF).contains(value) else { return nil }
        return value - offset
    }

    /// The first surrogate in `text`, as DRF's `ProhibitSurrogateCharactersValidator`
    /// reports it.
    public static func first(in text: String) -> UInt32? {
        for scalar in text.unicodeScalars {
            if let codePoint = codePoint(of: scalar) { return codePoint }
        }
        return nil
    }
}
