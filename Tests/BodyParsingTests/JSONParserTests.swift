import BodyParsing
import Testing

@Suite("JSON parser accepts what Python's json.loads accepts")
struct JSONParserTests {
    @Test func literals() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse(" \t\r\n false \n") == .bool(false))
    }

    @Test(arguments: [
        "0", "-0", "7", "-12", "12.50", "-0.0", "1e3", "1E+3", "2.5e-10", "0e0", "-0.5E-0",
        "123456789012345678901234567890.000000000000000000001",
    ])
    func numbersKeepTheirExactText(text: String) throws {
        #expect(try parse(text) == .number(text))
    }

    @Test func nonFiniteLiteralsAreNumbersByDefault() throws {
        #expect(
            try parse("[NaN,Infinity,-Infinity]")
                == .array([.number("NaN"), .number("Infinity"), .number("-Infinity")])
        )
    }

    @Test func megabyteOfDigitsIsOneNumber() throws {
        let digits = [UInt8](repeating: UInt8(ascii: "9"), count: 1 << 20)
        let value = try JSONParser.parse(Array("-".utf8) + digits + Array("e-7".utf8))

        guard case .number(let text) = value else {
            Issue.record("expected a number, got \(value)")
            return
        }
        #expect(text.utf8.count == (1 << 20) + 4)
        #expect(text.hasPrefix("-999"))
        #expect(text.hasSuffix("9e-7"))
    }

    @Test func stringEscapes() throws {
        #expect(
            try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t")
        )
        #expect(try parse(#""\u00e9\u00C9\u20ac""#) == .string("éÉ€"))
        #expect(try parse(#""a\u0000b""#) == .string("a\u{0}b"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\uD83D\uDE00x""#) == .string("😀x"))
    }

    @Test func loneSurrogatesAreKeptAsTheirStandIns() throws {
        #expect(try parse(#""\ud800""#) == .string("\u{10D800}"))
        #expect(try parse(#""\udc00\ud800x""#) == .string("\u{10DC00}\u{10D800}x"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{10D83D}A"))
        #expect(LoneSurrogate.first(in: "ab\u{10DFFF}\u{10D800}") == 0xDFFF)
        #expect(LoneSurrogate.first(in: "ab\u{10FFFD}😀") == nil)
    }

    @Test func rawUTF8AndDeleteAreKept() throws {
        #expect(try parse("\"é 😀 \u{7F} \u{2028}\"") == .string("é 😀 \u{7F} \u{2028}"))
    }

    @Test func arraysAndObjects() throws {
        let value = try parse(#" { "b" : [ 1 , [ ] , { } , "x" ] , "a" : { "c" : null } } "#)

        guard case .object(let object) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(object.keys == ["b", "a"])
        #expect(
            object["b"] == .array([.number("1"), .array([]), .object(JSONObject()), .string("x")])
        )
        #expect(object["a"] == .object(JSONObject([("c", .null)])))
        #expect(object["missing"] == nil)
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#)

        guard case .object(let object) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .number("3"))
        #expect(object.count == 2)
    }

    @Test func truncatedSequenceAtTheEndIsHeldBackLikePythonsStreamReader() throws {
        #expect(try JSONParser.parse(Array("{}".utf8) + [0xE2, 0x82]) == .object(JSONObject()))
        #expect(try JSONParser.parse(Array("1".utf8) + [0xED, 0xA0]) == .number("1"))
    }

    @Test func borrowedBufferGivesTheSameResult() throws {
        let bytes = Array(#"{"a":[true]}"#.utf8)
        let fromBuffer = try bytes.withUnsafeBufferPointer { buffer in
            try JSONParser.parse(buffer, options: JSONParsingOptions())
        }

        #expect(fromBuffer == (try JSONParser.parse(bytes)))
    }

    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }
}
