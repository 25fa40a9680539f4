import HTTPServer
import TestSupport
import Testing

@Suite struct ServerLimitTests {
    /// Sends `text`, then checks the refusal: status, JSON detail, and the connection closed.
    private func expectRefusal(
        _ text: String,
        status: Int,
        detail: String,
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let server = try TestServer(configuration: configuration, responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        try client.send(text)
        let response = try client.readResponse()
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.text == "{\"detail\":\"\(detail)\"}", sourceLocation: sourceLocation)
        #expect(
            response.header("Content-Type") == "application/json",
            sourceLocation: sourceLocation
        )
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(response.header("Content-Length") == String(response.body.count))
        #expect(client.isClosedByPeer(within: 5), sourceLocation: sourceLocation)
        #expect(server.accessRecords.isEmpty, sourceLocation: sourceLocation)
        client.close()
        #expect(
            eventually { server.server.openConnectionCount == 0 },
            sourceLocation: sourceLocation
        )
    }

    @Test func refusesOversizedHeadsWith431() throws {
        try expectRefusal(
            "GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n",
            status: 431,
            detail: "Request header fields too large."
        )
    }

    @Test func refusesDeclaredBodiesOverTheLimitWith413() throws {
        try expectRefusal(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\nstart of a body",
            status: 413,
            detail: "Request body exceeds 1048576 bytes."
        )
    }

    @Test func refusesChunkedBodiesOverTheLimitWith413() throws {
        try expectRefusal(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "64\r\n\(String(repeating: "x", count: 100))\r\n"
                + "64\r\n\(String(repeating: "y", count: 100))\r\n0\r\n\r\n",
            status: 413,
            detail: "Request body exceeds 150 bytes.",
            configuration: HTTPServerConfiguration(maxBodySize: 150)
        )
    }

    @Test func refusesContinueForBodiesOverTheLimit() throws {
        try expectRefusal(
            "PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n",
            status: 413,
            detail: "Request body exceeds 1048576 bytes."
        )
    }

    @Test func refusesAmbiguousFramingWith400() throws {
        try expectRefusal(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n",
            status: 400,
            detail: "Request has both Content-Length and Transfer-Encoding."
        )
        try expectRefusal(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            status: 400,
            detail: "Request has conflicting Content-Length values."
        )
        try expectRefusal(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n",
            status: 400,
            detail: "Invalid chunk size."
        )
    }

    @Test func refusesMalformedRequestLinesWith400() throws {
        try expectRefusal("hello\r\n\r\n", status: 400, detail: "Invalid request line.")
    }

    @Test func refusesHTTP11RequestsWithoutExactlyOneHostWith400() throws {
        try expectRefusal(
            "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n",
            status: 400,
            detail: "Request has no Host header."
        )
        try expectRefusal(
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            status: 400,
            detail: "Request has more than one Host header."
        )
    }

    @Test func refusesHEADRequestsWithoutABody() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let refusals = [
            ("HEAD / HTTP/1.1\r\n\r\n", 400, "Request has no Host header."),
            (
                "HEAD / HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "a", count: 20_000))",
                431, "Request header fields too large."
            ),
            ("HEAD / HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\n\r\n", 417, nil),
        ]

        for (text, status, detail) in refusals {
            let client = try server.client()
            try client.send(text)
            let response = try client.readResponse(headOnly: true)
            #expect(response.status == status)
            #expect(response.header("Connection") == "close")
            if let detail {
                let length = "{\"detail\":\"\(detail)\"}".utf8.count
                #expect(response.header("Content-Length") == String(length))
            }
            #expect(try client.readUntilClose().isEmpty, "no body after a refused HEAD")
        }
    }

    @Test func refusesOtherProtocolsWith505() throws {
        try expectRefusal(
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            status: 505,
            detail: "HTTP version not supported."
        )
        try expectRefusal(
            "GET / HTTP/3.0\r\n\r\n",
            status: 505,
            detail: "HTTP version not supported."
        )
    }

    @Test func closesConnectionsOverTheConnectionLimit() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(maxConnections: 2),
            responder: echoResponder
        )
        defer { server.shutdown() }

        let first = try server.client()
        let second = try server.client()
        #expect(try first.request(path: "/1").status == 200)
        #expect(try second.request(path: "/2").status == 200)

        let third = try server.client()
        #expect(third.isClosedByPeer(within: 5))
        #expect(try first.request(path: "/1").status == 200)
    }
}
