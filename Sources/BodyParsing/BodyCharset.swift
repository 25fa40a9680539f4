/// The `charset` of a request body, for the codecs this server decodes. DRF decodes JSON
/// and form bodies with the charset the request names, and Django ignores a name Python's
/// `codecs.lookup` does not know, leaving the default UTF-8.
public enum BodyCharset: Sendable, Equatable {
    case utf8
    case latin1
    case ascii

    // TODO: Python also knows utf-16, utf-32, cp1252 and many more; a body naming one of
    // them is read as UTF-8 here.

    /// Python's aliases (after its name normalisation) of each codec read here.
    private static let aliases: [String: BodyCharset] = {
        var table: [String: BodyCharset] = [:]
        for name in ["utf_8", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4", "cp65001"] {
            table[name] = .utf8
        }
        for name in [
            "latin_1", "iso8859_1", "iso_8859_1", "8859", "cp819", "latin", "latin1", "l1",
            "iso_ir_100", "csisolatin1", "ibm819", "iso_8859_1_1987",
        ] {
            table[name] = .latin1
        }
        for name in [
            "ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367",
            "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii",
        ] {
            table[name] = .ascii
        }
        return table
    }()

    /// The codec `codecs.lookup(name)` finds, or nil when Python knows no such name or it
    /// is not one read here.
    public static func named(_ name: String) -> BodyCharset? {
        let normalized = normalize(name)
        return aliases[normalized]
            ?? aliases[String(normalized.map { $0 == "." ? "_" : $0 })]
    }

    /// Python's `encodings.normalize_encoding` of the lower-cased name: runs of characters
    /// other than letters, digits and dots become one `_`, and none leads.
    private static func normalize(_ name: String) -> String {
        var output = ""
        var afterPunctuation = false
        for character in name.lowercased() {
            if character.isLetter || character.isNumber || character == "." {
                if afterPunctuation && !output.isEmpty { output.append("_") }
                if character.isASCII { output.append(character) }
                afterPunctuation = false
            } else {
                afterPunctuation = true
            }
        }
        return output
    }

    /// The body as UTF-8, decoded strictly as Python's codec would, or the text of the
    /// `UnicodeDecodeError` Python raises. UTF-8 bodies are returned as they are, to be
    /// checked by the parser that reads them.
    func transcodedToUTF8(_ bytes: [UInt8]) -> Result<[UInt8], DecodingFailure> {
        switch self {
        case .utf8:
            return .success(bytes)
        case .latin1:
            return .success(Self.latin1ToUTF8(bytes))
        case .ascii:
            if let position = bytes.firstIndex(where: { $0 >= 0x80 }) {
                let hex = String(bytes[position], radix: 16)
                return .failure(
                    DecodingFailure(
                        position: position,
                        message: "'ascii' codec can't decode byte 0x\(hex) in position "
                            + "\(position): ordinal not in range(128)"
                    )
                )
            }
            return .success(bytes)
        }
    }

    /// Each byte as the Unicode character of the same number, in UTF-8.
    static func latin1ToUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | byte >> 6)
                output.append(0x80 | byte & 0x3F)
            }
        }
        return output
    }

    /// Why a body could not be decoded, in Python's words.
    struct DecodingFailure: Error {
        /// The byte where decoding failed.
        var position: Int

        /// The `UnicodeDecodeError` text.
        var message: String
    }
}
