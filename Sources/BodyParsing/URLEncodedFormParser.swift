/// Reads `application/x-www-form-urlencoded` bodies the way Django builds a `QueryDict`, so
/// the API sees the same fields, in the same order, as the real backend.
///
/// Django first decodes the whole body as UTF-8 and, when that fails, as ISO-8859-1; then
/// `parse_qsl` splits on `&` only, keeps pairs without `=` as empty values, turns `+` into
/// a space and decodes each `%XX`, replacing invalid UTF-8 with U+FFFD and keeping a `%`
/// that is not followed by two hex digits as it is.
public enum URLEncodedFormParser {
    /// The most fields Django accepts by default (`DATA_UPLOAD_MAX_NUMBER_FIELDS`); empty
    /// pairs count too, as they do in `parse_qsl`.
    public static let maximumFieldCount = 1000

    /// The text of Django's `TooManyFieldsSent`, answered with a 400.
    public static let tooManyFieldsMessage =
        "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."

    /// Parses a form body into ordered fields.
    ///
    /// - Throws: `FormParseError` when the body has more than `maximumFieldCount` fields.
    public static func parse(
        _ bytes: [UInt8],
        charset: BodyCharset = .utf8
    ) throws(FormParseError) -> FormData {
        try bytes.withUnsafeBufferPointer { buffer throws(FormParseError) in
            try parse(buffer, charset: charset)
        }
    }

    /// Parses a form body held in borrowed memory. As Django's `QueryDict` does, the body
    /// is read in `charset` (ISO-8859-1 when that fails) and each `%XX` run in `charset`
    /// with U+FFFD for what it cannot decode.
    public static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        charset: BodyCharset = .utf8
    ) throws(FormParseError) -> FormData {
        guard !buffer.isEmpty else { return FormData() }

        var separators = 0
        for byte in buffer where byte == UInt8(ascii: "&") { separators += 1 }
        guard separators < maximumFieldCount else {
            throw FormParseError(message: tooManyFieldsMessage)
        }

        let isUTF8 =
            charset == .utf8 && UTF8Validation.validate(buffer) == .valid(validCount: buffer.count)
            || charset == .ascii && !buffer.contains { $0 >= 0x80 }
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(separators + 1)
        var scratch: [UInt8] = []
        var pairStart = 0

        while pairStart <= buffer.count {
            var pairEnd = pairStart
            while pairEnd < buffer.count && buffer[pairEnd] != UInt8(ascii: "&") { pairEnd += 1 }
            defer { pairStart = pairEnd + 1 }
            guard pairEnd > pairStart else { continue }

            var equals = pairStart
            while equals < pairEnd && buffer[equals] != UInt8(ascii: "=") { equals += 1 }
            let name = decode(
                buffer[pairStart..<equals],
                isUTF8: isUTF8,
                escapes: charset,
                scratch: &scratch
            )
            let value =
                equals < pairEnd
                ? decode(
                    buffer[(equals + 1)..<pairEnd],
                    isUTF8: isUTF8,
                    escapes: charset,
                    scratch: &scratch
                )
                : ""
            fields.append((name, value))
        }
        return FormData(fields: fields)
    }

    /// Decodes one name or value: `+` becomes a space and `%XX` a byte, then the bytes are
    /// read as UTF-8 with U+FFFD for anything invalid, as Python's `unquote_plus` does.
    public static func decodeComponent(_ text: Substring) -> String {
        var text = text
        var scratch: [UInt8] = []
        return text.withUTF8 { bytes in
            decode(bytes[...], isUTF8: true, escapes: .utf8, scratch: &scratch)
        }
    }

    /// Decodes a slice of the body; when the body was not UTF-8, each byte above 0x7F
    /// stands for the ISO-8859-1 character of the same number, as in Django's fallback.
    /// Bytes written as `%XX` are read in the `escapes` charset.
    private static func decode(
        _ bytes: Slice<UnsafeBufferPointer<UInt8>>,
        isUTF8: Bool,
        escapes: BodyCharset,
        scratch: inout [UInt8]
    ) -> String {
        scratch.removeAll(keepingCapacity: true)
        var index = bytes.startIndex

        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "+"):
                scratch.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 1 < bytes.endIndex,
                    let high = hexValue(bytes[index]),
                    let low = hexValue(bytes[index + 1])
                else {
                    scratch.append(byte)
                    continue
                }
                let decoded = high << 4 | low
                index += 2
                switch escapes {
                case .utf8,
                    _ where decoded < 0x80:
                    scratch.append(decoded)
                case .latin1:
                    scratch.append(contentsOf: BodyCharset.latin1ToUTF8(CollectionOfOne(decoded)))
                case .ascii:
                    scratch.append(contentsOf: [0xEF, 0xBF, 0xBD])
                }
            case 0x80...0xFF where !isUTF8:
                scratch.append(0xC0 | byte >> 6)
                scratch.append(0x80 | byte & 0x3F)
            default:
                scratch.append(byte)
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// The value of one hex digit, or nil.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
