import Dispatch
import HTTPServer
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ServerLifecycleTests {
    @Test func survivesClientsThatVanishMidResponse() throws {
        let large = [UInt8](repeating: UInt8(ascii: "z"), count: 16 << 20)
        let server = try TestServer { request in
            request.path == "/large"
                ? HTTPResponse(status: .ok, body: large)
                : HTTPResponse(status: .ok, body: Array("small".utf8))
        }
        defer { server.shutdown() }

        for _ in 0..<3 {
            let vanishing = try server.client()
            try vanishing.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try vanishing.readResponse(headOnly: true)
            #expect(head.header("Content-Length") == String(large.count))
            vanishing.reset()
        }
        let polite = try server.client()
        try polite.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n")
        polite.close()

        // Well within the idle timeout (60 s), which would otherwise close them.
        #expect(eventually(within: 5) { server.server.openConnectionCount == 0 })
        let client = try server.client()
        #expect(try client.request(path: "/after").text == "small")
    }

    @Test func deliversLargeResponsesWhole() throws {
        let large = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let server = try TestServer { _ in HTTPResponse(status: .ok, body: large) }
        defer { server.shutdown() }
        let client = try server.client()

        try client.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse().body == large)
        #expect(try client.readResponse().body == large)
    }

    @Test func finishesTheRequestInFlightWhenShuttingDown() throws {
        let handlerStarted = DispatchSemaphore(value: 0)
        let handlerReleased = DispatchSemaphore(value: 0)
        let server = try TestServer { request in
            if request.path == "/slow" {
                handlerStarted.signal()
                handlerReleased.wait()
            }
            return HTTPResponse(status: .ok, body: Array("finished \(request.path)".utf8))
        }
        let idle = try server.client()
        #expect(try idle.request(path: "/warm-up").status == 200)

        let busy = try server.client()
        try busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        handlerStarted.wait()

        let stopped = DispatchSemaphore(value: 0)
        DispatchQueue(label: "shutdown").async {
            server.shutdown()
            stopped.signal()
        }

        // The idle connection closing shows shutdown has begun while /slow is still running.
        #expect(idle.isClosedByPeer(within: 5))
        #expect(throws: TestSupportError.self) { _ = try server.client() }
        handlerReleased.signal()

        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "finished /slow")
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosedByPeer(within: 5))
        busy.close()

        #expect(stopped.wait(timeout: .now() + 10) == .success)
        #expect(server.server.openConnectionCount == 0)
        server.shutdown()
    }

    @Test func closesBusyConnectionsAfterTheGracePeriod() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(shutdownGracePeriod: 0.2),
            responder: echoResponder
        )
        let stuck = try server.client()
        // The partial request travels with a complete one, so once the first answer is
        // back the server holds half a request and the connection counts as busy.
        try stuck.send(
            "GET /first HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /partial HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc"
        )
        #expect(try stuck.readResponse().status == 200)

        server.shutdown()
        #expect(server.server.openConnectionCount == 0)
        #expect(stuck.isClosedByPeer(within: 5))
    }

    @Test func holdsAThousandKeepAliveConnections() throws {
        let server = try TestServer(responder: echoResponder)
        defer { server.shutdown() }

        var clients: [RawHTTPClient] = []
        for index in 0..<1_000 {
            let client = try server.client()
            try client.send("GET /\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
            clients.append(client)
        }
        for (index, client) in clients.enumerated() {
            #expect(try client.readResponse().text == "GET /\(index) ")
        }
        #expect(server.server.openConnectionCount == 1_000)
        for (index, client) in clients.enumerated() where index % 100 == 0 {
            #expect(try client.request(path: "/again").status == 200)
        }

        for client in clients { client.close() }
        #expect(eventually { server.server.openConnectionCount == 0 })
    }
}
