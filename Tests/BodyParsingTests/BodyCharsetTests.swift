import BodyParsing
import Testing

/// Bodies in the charset their request names, as DRF decodes them with Python's codecs.
struct BodyCharsetTests {
    @Test(arguments: [
        ("utf-8", BodyCharset.utf8), ("UTF8", .utf8), ("u8", .utf8), ("latin-1", .latin1),
        ("ISO-8859-1", .latin1), ("iso8859_1", .latin1), ("L1", .latin1),
        ("iso_8859-1:1987", .latin1), ("us-ascii", .ascii), ("ASCII", .ascii), ("646", .ascii),
        ("ANSI_X3.4-1968", .ascii),
    ])
    func pythonAliasesAreKnown(name: String, charset: BodyCharset) {
        #expect(BodyCharset.named(name) == charset)
    }

    @Test func unknownNamesAreNotACharset() {
        for name in ["xyz", "", "utf-9", "latin-2x"] {
            #expect(BodyCharset.named(name) == nil, "\(name)")
        }
    }

    @Test func latin1JSONIsReadAsLatin1() throws {
        let body: [UInt8] = Array(#"{"t": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8)

        let value = try JSONParser.parse(body, charset: .latin1, options: .djangoRESTFramework)

        #expect(value == .object(JSONObject([("t", .string("café"))])))
    }

    @Test func asciiJSONRefusesHighBytesWithPythonsMessage() {
        let body: [UInt8] = Array(#"{"t": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8)

        let error = #expect(throws: JSONParseError.self) {
            try JSONParser.parse(body, charset: .ascii, options: .djangoRESTFramework)
        }
        #expect(
            error?.message
                == "'ascii' codec can't decode byte 0xe9 in position 10: ordinal not in "
                + "range(128)"
        )
    }

    @Test func latin1FormsDecodeRawBytesAndEscapesAsLatin1() throws {
        let body: [UInt8] = Array("a=%E9t%C3%A9&b=".utf8) + [0xE9]

        let latin1 = try URLEncodedFormParser.parse(body, charset: .latin1)
        let ascii = try URLEncodedFormParser.parse(Array("a=%E9x&b=y".utf8), charset: .ascii)

        #expect(latin1.last("a") == "étÃ©")
        #expect(latin1.last("b") == "é")
        #expect(ascii.last("a") == "\u{FFFD}x")
        #expect(ascii.last("b") == "y")
    }
}
