import Testing

@testable import HTTPServer

@Suite struct ResponseWriterTests {
    private func render(
        _ response: HTTPResponse,
        isHead: Bool = false,
        keepAlive: Bool = true,
        isHTTP10: Bool = false
    ) -> (text: String, bodyBytes: Int) {
        var output: [UInt8] = []
        let bodyBytes = ResponseWriter.write(
            response,
            context: ResponseWriter.Context(
                isHead: isHead,
                requestID: "req-1",
                keepAlive: keepAlive,
                isHTTP10: isHTTP10,
                date: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)
            ),
            into: &output
        )
        return (String(decoding: output, as: UTF8.self), bodyBytes)
    }

    @Test func writesHeadAndBodyWithFramingFields() {
        let rendered = render(
            HTTPResponse(
                status: .ok,
                headers: ["Content-Type": "text/plain"],
                body: Array("hi".utf8)
            )
        )
        #expect(
            rendered.text
                == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nServer: leads-server\r\n"
                + "X-Request-Id: req-1\r\n\r\nhi"
        )
        #expect(rendered.bodyBytes == 2)
    }

    @Test func replacesFieldsTheServerOwns() {
        let response = HTTPResponse(
            status: .ok,
            headers: [
                "Content-Length": "99", "Server": "other", "Transfer-Encoding": "chunked",
                "Connection": "keep-alive", "X-Request-Id": "spoofed",
            ],
            body: Array("abc".utf8)
        )
        let text = render(response).text
        #expect(text.contains("Content-Length: 3\r\n"))
        #expect(
            !text.contains("Length: 99") && !text.contains("other") && !text.contains("chunked")
        )
        #expect(!text.contains("spoofed") && !text.contains("keep-alive"))
    }

    @Test func leavesOutBodyAndLengthWhereTheStatusForbidsThem() {
        for status in [HTTPStatus.noContent, .notModified] {
            let rendered = render(HTTPResponse(status: status, body: Array("x".utf8)))
            #expect(!rendered.text.contains("Content-Length"))
            #expect(rendered.text.hasSuffix("\r\n\r\n"))
            #expect(rendered.bodyBytes == 0)
        }
    }

    @Test func keepsTheLengthOfAHeadResponseWithoutItsBody() {
        let rendered = render(HTTPResponse(status: .ok, body: Array("hello".utf8)), isHead: true)
        #expect(rendered.text.contains("Content-Length: 5\r\n"))
        #expect(rendered.text.hasSuffix("\r\n\r\n"))
        #expect(rendered.bodyBytes == 0)

        let declared = render(
            HTTPResponse(status: .ok, headers: ["Content-Length": "12"]),
            isHead: true
        )
        #expect(declared.text.contains("Content-Length: 12\r\n"))
    }

    @Test func statesTheConnectionDecision() {
        #expect(
            render(HTTPResponse(status: .ok), keepAlive: false).text.contains(
                "Connection: close\r\n"
            )
        )
        #expect(!render(HTTPResponse(status: .ok)).text.contains("Connection:"))
        #expect(
            render(HTTPResponse(status: .ok), isHTTP10: true).text
                .contains("Connection: keep-alive\r\n")
        )
    }

    @Test func neutralisesLineBreaksInValues() {
        let response = HTTPResponse(
            status: .found,
            headers: ["Location": "/next\r\nSet-Cookie: evil=1", "Bad Name": "x"]
        )
        let text = render(response).text
        #expect(text.contains("Location: /next  Set-Cookie: evil=1\r\n"))
        #expect(!text.contains("Bad Name"))
    }
}
