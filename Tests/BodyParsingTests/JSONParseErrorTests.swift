import BodyParsing
import Testing

/// Inputs and the exact text CPython 3.11's `json` module prints for them when read the way
/// DRF reads a body (UTF-8 stream reader, then `json.load`); generated with python3.
enum PythonJSONErrors {
    static let textCases: [(input: String, message: String)] = [
        (
            "",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "   ",
            "Expecting value: line 1 column 4 (char 3)"
        ),
        (
            "{\"a\" 1}",
            "Expecting ':' delimiter: line 1 column 6 (char 5)"
        ),
        (
            "{",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
        ),
        (
            "[",
            "Expecting value: line 1 column 2 (char 1)"
        ),
        (
            "[1,]",
            "Expecting value: line 1 column 4 (char 3)"
        ),
        (
            "{\"a\":1,}",
            "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"
        ),
        (
            "{\"a\":}",
            "Expecting value: line 1 column 6 (char 5)"
        ),
        (
            "{,}",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
        ),
        (
            "[1 2]",
            "Expecting ',' delimiter: line 1 column 4 (char 3)"
        ),
        (
            "{\"a\":1 \"b\":2}",
            "Expecting ',' delimiter: line 1 column 8 (char 7)"
        ),
        (
            "01",
            "Extra data: line 1 column 2 (char 1)"
        ),
        (
            "1.",
            "Extra data: line 1 column 2 (char 1)"
        ),
        (
            ".5",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "-",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "+1",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "1e",
            "Extra data: line 1 column 2 (char 1)"
        ),
        (
            "1e+",
            "Extra data: line 1 column 2 (char 1)"
        ),
        (
            "-01",
            "Extra data: line 1 column 3 (char 2)"
        ),
        (
            "0x10",
            "Extra data: line 1 column 2 (char 1)"
        ),
        (
            "nul",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "tru",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "True",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "None",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "-Inf",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "'a'",
            "Expecting value: line 1 column 1 (char 0)"
        ),
        (
            "{\"a\":1}}",
            "Extra data: line 1 column 8 (char 7)"
        ),
        (
            "true false",
            "Extra data: line 1 column 6 (char 5)"
        ),
        (
            "[1,2",
            "Expecting ',' delimiter: line 1 column 5 (char 4)"
        ),
        (
            "{\"a\":[1,{\"b\":",
            "Expecting value: line 1 column 14 (char 13)"
        ),
        (
            "\"abc",
            "Unterminated string starting at: line 1 column 1 (char 0)"
        ),
        (
            "\"a\\",
            "Unterminated string starting at: line 1 column 1 (char 0)"
        ),
        (
            "\"\\x\"",
            "Invalid \\escape: line 1 column 2 (char 1)"
        ),
        (
            "\"\\u12\"",
            "Invalid \\uXXXX escape: line 1 column 3 (char 2)"
        ),
        (
            "\"\\u12",
            "Invalid \\uXXXX escape: line 1 column 3 (char 2)"
        ),
        (
            "\"\\ud83d\\uZZZZ\"",
            "Invalid \\uXXXX escape: line 1 column 9 (char 8)"
        ),
        (
            "\"\\uD83D",
            "Invalid \\uXXXX escape: line 1 column 3 (char 2)"
        ),
        (
            "{1:2}",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
        ),
        (
            "{\"a\"}",
            "Expecting ':' delimiter: line 1 column 5 (char 4)"
        ),
        (
            "\n\n  [1,\n  x]",
            "Expecting value: line 4 column 3 (char 10)"
        ),
        (
            "{\"é\":1 x}",
            "Expecting ',' delimiter: line 1 column 8 (char 7)"
        ),
        (
            "\"😀\" 1",
            "Extra data: line 1 column 5 (char 4)"
        ),
        (
            "[] []",
            "Extra data: line 1 column 4 (char 3)"
        ),
    ]

    static let byteCases: [(input: [UInt8], message: String)] = [
        (
            [0x22, 0x61, 0x01, 0x62, 0x22],
            "Invalid control character at: line 1 column 3 (char 2)"
        ),
        (
            [0x22, 0x74, 0x61, 0x62, 0x09, 0x68, 0x65, 0x72, 0x65, 0x22],
            "Invalid control character at: line 1 column 5 (char 4)"
        ),
        (
            [0x22, 0x6C, 0x69, 0x6E, 0x65, 0x0A, 0x62, 0x72, 0x65, 0x61, 0x6B, 0x22],
            "Invalid control character at: line 1 column 6 (char 5)"
        ),
        (
            [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
            "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"
        ),
        (
            [0xFF],
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        ),
        (
            [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D],
            "'utf-8' codec can't decode byte 0xc3 in position 6: invalid continuation byte"
        ),
        (
            [0x22, 0xE2, 0x82, 0x22],
            "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"
        ),
        (
            [0xF0, 0x90, 0x41],
            "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"
        ),
        (
            [0x22, 0xED, 0xA0, 0x80, 0x22],
            "'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte"
        ),
        (
            [0xC0, 0xAF],
            "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"
        ),
        (
            [0x5B, 0x31, 0x2C, 0x20, 0x00, 0x5D],
            "Expecting value: line 1 column 5 (char 4)"
        ),
    ]
}

@Suite("JSON parse errors carry Python's messages")
struct JSONParseErrorTests {
    @Test(arguments: PythonJSONErrors.textCases)
    func textInput(input: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(input.utf8)) }
        #expect(parseFailure(Array(input.utf8))?.message == message)
    }

    @Test(arguments: PythonJSONErrors.byteCases)
    func byteInput(input: [UInt8], message: String) {
        #expect(parseFailure(input)?.message == message)
    }

    @Test func positionFieldsCountCharactersAndLines() throws {
        let failure = try #require(parseFailure(Array("{\"é\":\n [1,\n  é]}".utf8)))

        #expect(failure.message == "Expecting value: line 3 column 3 (char 13)")
        #expect(failure.line == 3)
        #expect(failure.column == 3)
        #expect(failure.offset == 13)
        #expect(failure.description == failure.message)
    }

    @Test func nonFiniteLiteralsAreRefusedInDRFStrictMode() {
        let options = JSONParsingOptions.djangoRESTFramework

        for literal in ["NaN", "Infinity", "-Infinity"] {
            let failure = parseFailure(Array("[1, \(literal)]".utf8), options: options)
            #expect(
                failure?.message
                    == "Out of range float values are not JSON compliant: '\(literal)'"
            )
        }
    }

    @Test func integersOverPythonsDigitLimitAreRefusedInDRFStrictMode() throws {
        let options = JSONParsingOptions.djangoRESTFramework
        let allowed = [UInt8](repeating: UInt8(ascii: "7"), count: 4300)
        let refused = Array("-".utf8) + [UInt8](repeating: UInt8(ascii: "7"), count: 4301)

        #expect(
            try JSONParser.parse(allowed, options: options)
                == .number(String(decoding: allowed, as: UTF8.self))
        )
        #expect(
            parseFailure(refused, options: options)?.message
                == "Exceeds the limit (4300 digits) for integer string conversion: "
                + "value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"
        )
        let float = refused + Array(".5".utf8)
        #expect(
            try JSONParser.parse(float, options: options)
                == .number(String(decoding: float, as: UTF8.self))
        )
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let arrays = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let objects = Array(String(repeating: "{\"a\":", count: 100_000).utf8)

        let arrayFailure = try #require(parseFailure(arrays))
        #expect(
            arrayFailure.message
                == "Maximum nesting depth exceeded: line 1 column 513 (char 512)"
        )
        let objectFailure = try #require(parseFailure(objects))
        #expect(
            objectFailure.message
                == "Maximum nesting depth exceeded: line 1 column 2561 (char 2560)"
        )
    }

    @Test func depthLimitCountsEveryContainer() throws {
        let fits = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)

        #expect(throws: Never.self) { try JSONParser.parse(Array(fits.utf8)) }
        #expect(parseFailure(Array(tooDeep.utf8))?.offset == 512)
        #expect(parseFailure(Array("[[{}]]".utf8), maximumDepth: 2)?.offset == 2)
    }

    private func parseFailure(
        _ bytes: [UInt8],
        maximumDepth: Int = 512
    ) -> JSONParseError? {
        parseFailure(bytes, options: JSONParsingOptions(maximumDepth: maximumDepth))
    }

    private func parseFailure(_ bytes: [UInt8], options: JSONParsingOptions) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }
}
