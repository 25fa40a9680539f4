import Testing

@testable import HTTPServer

@Suite struct MessageTests {
    @Test func headersCompareNamesWithoutCaseAndKeepOrder() {
        var headers = HTTPHeaders([("Set-Cookie", "a=1"), ("Content-Type", "text/plain")])
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(headers.contains("content-type"))
        #expect(!headers.contains("Content-Length"))

        headers.set(name: "SET-COOKIE", value: "c=3")
        #expect(headers.map(\.name) == ["SET-COOKIE", "Content-Type"])
        #expect(headers.values(for: "set-cookie") == ["c=3"])

        headers.remove(name: "content-TYPE")
        #expect(headers.count == 1)
        #expect(headers["Content-Type"] == nil)
    }

    @Test func findsTokensInListHeaders() {
        let headers: HTTPHeaders = ["Connection": "Upgrade,  Close "]
        #expect(headers.containsToken("close", in: "connection"))
        #expect(!headers.containsToken("keep-alive", in: "Connection"))
    }

    @Test func decodesQueryItemsLikeAForm() {
        let request = HTTPRequest(
            method: .get,
            target: "/search?a=1&b=hello+world&c=%E2%82%AC&&d&e=%zz&f=%FF&g=x%3Dy=z"
        )
        let items = request.queryItems.map { "\($0.name)=\($0.value)" }
        #expect(items == ["a=1", "b=hello world", "c=€", "d=", "e=%zz", "f=\u{FFFD}", "g=x=y=z"])
        #expect(request.queryValue("b") == "hello world")
        #expect(HTTPRequest(method: .get, target: "/").queryItems.isEmpty)
    }

    @Test func namesStatusesWithStandardPhrases() {
        #expect(HTTPStatus(code: 404).reasonPhrase == "Not Found")
        #expect(
            HTTPStatus.requestHeaderFieldsTooLarge.description
                == "431 Request Header Fields Too Large"
        )
        #expect(HTTPStatus(code: 299).reasonPhrase == "Unknown")
        #expect(HTTPStatus.noContent.forbidsBody && HTTPStatus.notModified.forbidsBody)
        #expect(!HTTPStatus.ok.forbidsBody)
    }

    @Test func buildsJSONErrorBodies() {
        let response = HTTPResponse.jsonDetail(status: .badRequest, detail: "Say \"no\"\n")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"detail":"Say \"no\"\n"}"#)
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func formatsTheDateHeader() {
        let text = String(decoding: HTTPDate.format(secondsSinceEpoch: 784_111_777), as: UTF8.self)
        #expect(text == "Sun, 06 Nov 1994 08:49:37 GMT")
        let leapDay = String(
            decoding: HTTPDate.format(secondsSinceEpoch: 1_709_164_800),
            as: UTF8.self
        )
        #expect(leapDay == "Thu, 29 Feb 2024 00:00:00 GMT")
    }

    @Test func acceptsOnlySafeIncomingRequestIDs() {
        var identifiers = RequestIdentifier()
        #expect(identifiers.resolve(incoming: "abc-123_X.y") == "abc-123_X.y")
        #expect(identifiers.resolve(incoming: String(repeating: "a", count: 128)).count == 128)

        for bad in ["", "has space", "semi;colon", "é", String(repeating: "a", count: 129)] {
            let replaced = identifiers.resolve(incoming: bad)
            #expect(replaced != bad)
            #expect(replaced.count == 16)
            #expect(replaced.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
        #expect(identifiers.makeIdentifier() != identifiers.makeIdentifier())
    }

    @Test func formatsDurations() {
        #expect(Connection.milliseconds(1_234_567) == "1.234")
        #expect(Connection.milliseconds(5_000) == "0.005")
        #expect(Connection.milliseconds(42_000_000) == "42.000")
    }
}
