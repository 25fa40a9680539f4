import BodyParsing
import Testing

@Suite("JSON writer matches DRF's JSONRenderer")
struct JSONWriterTests {
    @Test func compactSeparatorsAndKeyOrder() {
        let value = JSONValue.array([
            .null, .bool(true), .bool(false),
            .object(JSONObject([("a", .array([])), ("b", .object(JSONObject()))])),
            .string("x"),
        ])

        // Expected text from json.dumps(..., ensure_ascii=False, separators=(",", ":")).
        #expect(text(value) == #"[null,true,false,{"a":[],"b":{}},"x"]"#)
    }

    @Test func stringEscapesMatchPython() {
        let value = JSONValue.object(
            JSONObject([
                (
                    "text",
                    .string(
                        "q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1}\u{1F}\u{7F} é 😀 "
                            + "\u{2028}\u{2029} \u{85}"
                    )
                )
            ])
        )

        // Expected text from DRF's renderer, generated with python3.
        #expect(
            text(value)
                == #"{"text":"q\"b\\s/\b\f\n\r\t\u0000\u0001\u001f"# + "\u{7F} é 😀 "
                + #"\u2028\u2029 "# + "\u{85}\"}"
        )
    }

    @Test func loneSurrogatesAreWrittenAsEscapes() throws {
        let parsed = try JSONParser.parse(Array(#"["\udc00 \ud800 \udfff x\udbff"]"#.utf8))

        #expect(text(parsed) == #"["\udc00 \ud800 \udfff x\udbff"]"#)
        #expect(text(.string("\u{10FFFD}\u{10CFFF}")) == "\"\u{10FFFD}\u{10CFFF}\"")
    }

    @Test func indentedOutputMatchesPythonsDumps() throws {
        let value = try JSONParser.parse(
            Array(#"{"a":[1,{"b":[]}],"c":{},"d":"é\u2028"}"#.utf8)
        )

        // Expected text from json.dumps(indent=2, separators=(",", ": "), ensure_ascii=False).
        let expected =
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": {},\n"
            + "  \"d\": \"é\\u2028\"\n}"
        #expect(String(decoding: JSONWriter.serialize(value, indent: 2), as: UTF8.self) == expected)
        #expect(JSONWriter.serialize(.array([]), indent: 4) == Array("[]".utf8))
        #expect(JSONWriter.serialize(.number("1"), indent: 4) == Array("1".utf8))
    }

    @Test func numbersAreWrittenAsTheirText() {
        #expect(
            text(.array([.number("1000.10"), .number("-0"), .number("1E+3")]))
                == "[1000.10,-0,1E+3]"
        )
    }

    @Test func appendsToAnExistingBuffer() {
        var buffer = Array("data: ".utf8)
        JSONWriter.serialize(.string("é"), into: &buffer)

        #expect(String(decoding: buffer, as: UTF8.self) == "data: \"é\"")
    }

    @Test(arguments: [
        #"{"a":[1,2.5e-3,-0,true,false,null,"x\u00e9\ud83d\ude00\n"],"b":{"c":"\u2028"}}"#,
        #"[[[[]]],{},{"":""}]"#,
        #""\"\\\/\b\f\n\r\t\u0001""#,
        "123456789012345678901234567890",
    ])
    func roundTripKeepsTheValue(document: String) throws {
        let parsed = try JSONParser.parse(Array(document.utf8))
        let written = JSONWriter.serialize(parsed)

        #expect(try JSONParser.parse(written) == parsed)
        #expect(JSONWriter.serialize(try JSONParser.parse(written)) == written)
    }

    @Test func compactDocumentsComeBackByteForByte() throws {
        let document =
            #"{"name":"Acme é 😀","items":[1,-2.50,3e7],"nested":{"ok":true,"none":null}}"#

        #expect(text(try JSONParser.parse(Array(document.utf8))) == document)
    }

    @Test func deepValuesAreWrittenWithoutRecursion() throws {
        let depth = 5000
        let document = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let value = try JSONParser.parse(Array(document.utf8), maximumDepth: depth)

        #expect(text(value) == document)
    }

    private func text(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.serialize(value), as: UTF8.self)
    }
}
