import BodyParsing
import Testing

@Suite("Media types and Accept lists")
struct MediaTypeTests {
    @Test func parsesTypeSubtypeAndParameters() throws {
        let type = try #require(MediaType.parse(" Application/JSON ; Charset=UTF-8; indent=4"))

        #expect(type.type == "application")
        #expect(type.subtype == "json")
        #expect(type.essence == "application/json")
        #expect(type.parameter("charset") == "UTF-8")
        #expect(type.parameter("CHARSET") == "UTF-8")
        #expect(type.parameter("indent") == "4")
        #expect(type.parameter("missing") == nil)
    }

    @Test func quotedValuesAreUnquoted() throws {
        let type = try #require(
            MediaType.parse(#"multipart/form-data; boundary="a;b \"c\""; x="""#)
        )

        #expect(type.parameter("boundary") == #"a;b "c""#)
        #expect(type.parameter("x") == "")
        #expect(type.description == #"multipart/form-data; boundary="a;b \"c\""; x="""#)
    }

    @Test func repeatedParameterKeepsLastValue() throws {
        let type = try #require(MediaType.parse("text/plain; a=1; b=2; a=3"))

        #expect(type.parameters.map(\.name) == ["a", "b"])
        #expect(type.parameter("a") == "3")
    }

    @Test(arguments: ["", "json", "/json", "application/", "a b/c", "application/json/x", "é/x"])
    func invalidTypesAreRejected(text: String) {
        #expect(MediaType.parse(text) == nil)
    }

    @Test func acceptListKeepsOrderAndSkipsInvalidEntries() {
        let list = MediaType.parseList(
            "text/html, application/json;q=0.9, bogus, */*;q=0.1, application/*; q=0.5"
        )

        #expect(list.map(\.essence) == ["text/html", "application/json", "*/*", "application/*"])
        #expect(list.map(\.quality) == [1, 0.9, 0.1, 0.5])
        #expect(list.map(\.precedence) == [2, 2, 0, 1])
        #expect(MediaType.parseList("").isEmpty)
    }

    @Test func qualityIsClampedAndDefaultsToOne() throws {
        #expect(try #require(MediaType.parse("a/b;q=7")).quality == 1)
        #expect(try #require(MediaType.parse("a/b;q=-1")).quality == 0)
        #expect(try #require(MediaType.parse("a/b;q=abc")).quality == 1)
    }

    @Test func precedenceCountsParametersOtherThanQuality() throws {
        #expect(try #require(MediaType.parse("application/json; indent=4")).precedence == 3)
        #expect(try #require(MediaType.parse("application/json; q=0.2")).precedence == 2)
    }

    @Test func wildcardsMatch() throws {
        let json = try #require(MediaType.parse("application/json"))

        #expect(json.matches(try #require(MediaType.parse("*/*"))))
        #expect(json.matches(try #require(MediaType.parse("application/*"))))
        #expect(json.matches(try #require(MediaType.parse("application/json; charset=utf-8"))))
        #expect(!json.matches(try #require(MediaType.parse("text/*"))))
        #expect(!json.matches(try #require(MediaType.parse("application/xml"))))
    }

    @Test func parametersOfTheReceiverMustBePresentExceptQuality() throws {
        let indented = try #require(MediaType.parse("application/json; indent=4; q=0.5"))

        #expect(indented.matches(try #require(MediaType.parse("application/json; indent=4"))))
        #expect(!indented.matches(try #require(MediaType.parse("application/json"))))
        #expect(!indented.matches(try #require(MediaType.parse("application/json; indent=2"))))
    }
}
