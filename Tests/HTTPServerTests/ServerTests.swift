import HTTPServer
import Log
import TestSupport
import Testing

@Suite struct ServerTests {
    @Test func servesSeveralRequestsOnOneConnection() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        for index in 1...5 {
            let response = try client.request(path: "/item/\(index)")
            #expect(response.status == 200)
            #expect(response.text == "GET /item/\(index) ")
            #expect(response.header("Connection") == nil)
        }
        #expect(server.server.openConnectionCount == 1)
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        try client.send(
            "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody"
                + "GET /third HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        #expect(try client.readResponse().text == "GET /first ")
        #expect(try client.readResponse().text == "POST /second body")
        #expect(try client.readResponse().text == "GET /third ")
    }

    @Test func readsChunkedRequestBodies() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        try client.send("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send("5;note=x\r\nhello\r\n")
        try client.send("6\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.text == "POST /upload hello world")
        #expect(try client.request(path: "/after").text == "GET /after ")
    }

    @Test func sendsContinueBeforeReadingTheBody() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        try client.send(
            "PUT /doc HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"
        )
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        #expect(interim.reason == "Continue")

        try client.send("12345")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.text == "PUT /doc 12345")
    }

    @Test func answersHeadLikeGetWithoutTheBody() throws {
        let server = try TestServer { _ in HTTPResponse(status: .ok, body: Array("hello".utf8)) }
        defer { server.shutdown() }
        let client = try server.client()

        let head = try client.request(method: "HEAD", path: "/")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5")
        #expect(head.body.isEmpty)

        // Had the body been sent, it would now be read as the start of this response.
        let get = try client.request(path: "/")
        #expect(get.status == 200)
        #expect(get.text == "hello")
        let access = server.accessRecords.first { $0.metadata["http.method"] == "HEAD" }
        #expect(access?.metadata["http.bytes"] == "0")
    }

    @Test func sendsNoLengthOrBodyForNoContent() throws {
        let server = try TestServer { _ in HTTPResponse(status: .noContent, body: Array("x".utf8)) }
        defer { server.shutdown() }
        let client = try server.client()

        let response = try client.request(method: "DELETE", path: "/lead/1/")
        #expect(response.status == 204)
        #expect(response.header("Content-Length") == nil)
        #expect(try client.request(path: "/again").status == 204)
    }

    @Test func addsDateServerAndRequestID() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        let response = try client.request(path: "/")
        #expect(response.header("Server") == "leads-server")
        let date = try #require(response.header("Date"))
        #expect(date.hasSuffix(" GMT") && date.count == 29)
        let generated = try #require(response.header("X-Request-Id"))
        #expect(generated.count == 16 && generated.allSatisfy(\.isHexDigit))

        let echoed = try client.request(path: "/", headers: [("X-Request-Id", "trace-42.a_b")])
        #expect(echoed.header("X-Request-Id") == "trace-42.a_b")
        let replaced = try client.request(path: "/", headers: [("X-Request-Id", "bad id!")])
        #expect(replaced.header("X-Request-Id")?.count == 16)
    }

    @Test func logsOneAccessLinePerRequestWithoutTheQuery() throws {
        let server = try TestServer { request in
            HTTPResponse(status: .created, body: Array("done".utf8))
        }
        defer { server.shutdown() }
        let client = try server.client()

        let response = try client.request(
            method: "POST",
            path: "/leads/?token=secret",
            headers: [("Authorization", "Token hidden"), ("Cookie", "sessionid=hidden")],
            body: Array("payload".utf8)
        )
        let records = server.accessRecords
        try #require(records.count == 1)
        let record = records[0]
        #expect(record.level == .info)
        #expect(record.metadata["http.method"] == "POST")
        #expect(record.metadata["http.path"] == "/leads/")
        #expect(record.metadata["http.status"] == "201")
        #expect(record.metadata["http.bytes"] == "4")
        #expect(record.metadata["request.id"] == response.header("X-Request-Id"))
        #expect(record.metadata["client.address"] == "127.0.0.1")
        let duration = try #require(record.metadata["http.duration_ms"])
        let parts = duration.split(separator: ".")
        #expect(parts.count == 2 && parts[1].count == 3 && Int(parts[0]) != nil)

        let everything = server.logs.records.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!everything.contains("secret") && !everything.contains("hidden"))
        #expect(!everything.contains("payload"))
    }

    @Test func closesWhenTheClientAsks() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }
        let client = try server.client()

        let response = try client.request(path: "/bye", headers: [("Connection", "close")])
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByPeer(within: 5))
    }

    @Test func closesWhenTheHandlerAsks() throws {
        let server = try TestServer { _ in
            HTTPResponse(status: .ok, headers: ["Connection": "close"], body: Array("x".utf8))
        }
        defer { server.shutdown() }
        let client = try server.client()

        let response = try client.request(path: "/")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByPeer(within: 5))
    }

    @Test func closesHTTP10ConnectionsUnlessAskedToKeepThem() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }

        let plain = try server.client()
        try plain.send("GET /old HTTP/1.0\r\n\r\n")
        let closed = try plain.readResponse()
        #expect(closed.text == "GET /old ")
        #expect(closed.header("Connection") == "close")
        #expect(plain.isClosedByPeer(within: 5))

        let kept = try server.client()
        for _ in 0..<2 {
            try kept.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try kept.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Connection") == "keep-alive")
        }
    }

    @Test func answersAbsoluteFormTargetsByTheirPathAndQuery() throws {
        let server = try TestServer { request in
            let host = request.headers["Host"] ?? "none"
            let text = "\(request.path) \(request.query ?? "-") \(host)"
            return HTTPResponse(status: .ok, body: Array(text.utf8))
        }
        defer { server.shutdown() }
        let client = try server.client()
        let authority = "127.0.0.1:\(server.port)"

        try client.send(
            "GET http://\(authority)/healthz?x=1 HTTP/1.1\r\nHost: \(authority)\r\n\r\n"
        )
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "/healthz x=1 \(authority)")
        #expect(server.accessRecords.last?.metadata["http.path"] == "/healthz")
    }

    @Test func reportsAPortInUse() throws {
        let first = try TestServer(responder: echoResponder)
        defer { first.shutdown() }

        let second = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: first.port),
            responder: echoResponder,
            logger: Logger.disabled()
        )
        #expect {
            _ = try second.start()
        } throws: { error in
            guard case .systemCallFailed(let call, _, let port, _) = error as? HTTPServerError
            else {
                return false
            }
            return call == "bind" && port == first.port
                && "\(error)".contains("Address already in use")
        }
    }

    @Test func refusesAHostThatIsNotAnAddress() {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "not an address", port: 0),
            responder: echoResponder,
            logger: Logger.disabled()
        )
        #expect(throws: HTTPServerError.invalidHost("not an address")) {
            _ = try server.start()
        }
    }
}
