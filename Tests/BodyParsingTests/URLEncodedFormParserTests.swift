import BodyParsing
import Testing

/// Expected results come from Python's `parse_qsl(..., keep_blank_values=True)`, which is
/// what Django's `QueryDict` runs.
@Suite("URL-encoded forms are read like Django's QueryDict")
struct URLEncodedFormParserTests {
    @Test func plusPercentAndOrder() throws {
        let form = try parse("name=J%C3%B8rn+Smith&k=%2B+%26&city=Cape%20Town")

        #expect(form.fields.map(\.name) == ["name", "k", "city"])
        #expect(form.last("name") == "Jørn Smith")
        #expect(form.last("k") == "+ &")
        #expect(form.last("city") == "Cape Town")
    }

    @Test func repeatedNamesKeepEveryValueAndLastWins() throws {
        let form = try parse("a=1&a=2&b")

        #expect(form.values("a") == ["1", "2"])
        #expect(form.last("a") == "2")
        #expect(form.contains("b"))
        #expect(form.last("b") == "")
        #expect(!form.contains("c"))
        #expect(form.last("c") == nil)
        #expect(form.values("c").isEmpty)
    }

    @Test func emptyPairsAreSkippedButEmptyNamesKept() throws {
        let form = try parse("&&a=&&=v&")

        #expect(form.fields.count == 2)
        #expect(form.fields[0] == ("a", ""))
        #expect(form.fields[1] == ("", "v"))
        #expect(try parse("").fields.isEmpty)
        #expect(try parse("&").fields.isEmpty)
    }

    @Test func onlyAmpersandSeparates() throws {
        let form = try parse("a=1;b=2&c=x=y")

        #expect(form.last("a") == "1;b=2")
        #expect(form.last("c") == "x=y")
    }

    @Test func invalidEscapesStayLiteral() throws {
        let form = try parse("x=%zz&y=%4&z=%&%zz=1")

        #expect(form.last("x") == "%zz")
        #expect(form.last("y") == "%4")
        #expect(form.last("z") == "%")
        #expect(form.last("%zz") == "1")
    }

    @Test func invalidDecodedUTF8BecomesReplacementCharacters() throws {
        let form = try parse("bad=%ff%C3&ok=%E2%82%AC&s=%ED%A0%80")

        #expect(form.last("bad") == "\u{FFFD}\u{FFFD}")
        #expect(form.last("ok") == "€")
        #expect(form.last("s") == "\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func rawBytesAreUTF8OrElseLatin1AsInDjango() throws {
        let utf8 = try URLEncodedFormParser.parse(Array("café=crème".utf8))
        let latin1 = try URLEncodedFormParser.parse(
            [0x63, 0x61, 0x66, 0xE9, 0x3D, 0x63, 0x72, 0xE8, 0x6D, 0x65] + Array("%C3%A9".utf8)
        )

        #expect(utf8.last("café") == "crème")
        #expect(latin1.last("café") == "crèmeé")
    }

    @Test func fieldLimitCountsSeparatorsLikeParseQsl() throws {
        let atLimit = String(repeating: "&", count: 999)
        let overLimit = String(repeating: "a=1&", count: 1000) + "a=1"

        #expect(try parse(atLimit).fields.isEmpty)
        #expect(try parse(String(repeating: "a=1&", count: 999) + "a=1").fields.count == 1000)
        #expect(
            throws: FormParseError(
                message:
                    "The number of GET/POST parameters exceeded "
                    + "settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
            )
        ) { try parse(overLimit) }
    }

    @Test func decodeComponentAloneFollowsTheSameRules() {
        #expect(URLEncodedFormParser.decodeComponent("a+b%20c%zz%C3%A9%C3") == "a b c%zzé\u{FFFD}")
        #expect(URLEncodedFormParser.decodeComponent("é+%C3%A9"[...]) == "é é")
    }

    private func parse(_ text: String) throws -> FormData {
        try URLEncodedFormParser.parse(Array(text.utf8))
    }
}
