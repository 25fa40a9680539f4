import BodyParsing
import Testing

@testable import LeadsDomain

/// Expectations come from Python 3.11: `str(json.loads(text))` and `repr()`.
@Suite("Python text of submitted values")
struct PythonTextTests {
    @Test(
        "JSON numbers read as Python int or float",
        arguments: [
            ("5", "5"), ("-0", "0"), ("-12", "-12"), ("5.0", "5.0"), ("1.000", "1.0"),
            ("1e3", "1000.0"), ("1E+2", "100.0"), ("1e16", "1e+16"), ("1e15", "1000000000000000.0"),
            ("0.0001", "0.0001"), ("0.00001", "1e-05"), ("-0.0", "-0.0"), ("1e400", "inf"),
            ("-1e400", "-inf"), ("1e-400", "0.0"), ("1.5e300", "1.5e+300"),
            ("1234567890123456.78", "1234567890123456.8"), ("0.1", "0.1"),
            ("123456789012345678901234567890", "123456789012345678901234567890"),
        ]
    )
    func printsNumbers(written: String, expected: String) {
        #expect(PythonText.numberText(written) == expected)
    }

    @Test("prints nested values as Python's str()")
    func printsNestedValues() {
        let value: JSONValue = .array([
            .number("1"), .string("a"), .null, .bool(true),
            .object(JSONObject([("k", .string("it's")), ("q", .string("say \"hi\" it's"))])),
            .string("tab\there\u{0}\u{7F}\u{A0}é"),
        ])

        #expect(
            PythonText.str(value)
                == #"[1, 'a', None, True, {'k': "it's", 'q': 'say "hi" it\'s'}, "#
                + #"'tab\there\x00\x7f\xa0é']"#
        )
        #expect(
            PythonText.str(.array([.string("\u{10DC00}\u{10FFFD}")])) == #"['\udc00\U0010fffd']"#
        )
        #expect(PythonText.str(.string("plain")) == "plain")
        #expect(PythonText.str(.bool(false)) == "False")
    }

    @Test("names Python's types")
    func namesTypes() {
        #expect(PythonText.typeName(.array([])) == "list")
        #expect(PythonText.typeName(.string("")) == "str")
        #expect(PythonText.typeName(.number("5")) == "int")
        #expect(PythonText.typeName(.number("5e0")) == "float")
        #expect(PythonText.typeName(.bool(true)) == "bool")
    }

    @Test("strips the whitespace Python strips")
    func stripsWhitespace() {
        #expect(PythonText.strip("\u{A0}\u{3000} a b \u{1C}\n") == "a b")
        #expect(PythonText.strip("\u{200B}a") == "\u{200B}a")
        #expect(PythonText.strip(" \t ") == "")
    }
}
