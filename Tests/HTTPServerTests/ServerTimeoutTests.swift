import HTTPServer
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ServerTimeoutTests {
    @Test func closesIdleKeepAliveConnections() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(idleTimeout: 0.3),
            responder: echoResponder
        )
        defer { server.shutdown() }
        let client = try server.client()

        #expect(try client.request(path: "/").status == 200)
        #expect(client.isClosedByPeer(within: 5))
        #expect(eventually { server.server.openConnectionCount == 0 })
    }

    @Test func closesSilentNewConnectionsWithoutAnswering() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(headerTimeout: 0.3),
            responder: echoResponder
        )
        defer { server.shutdown() }
        let client = try server.client()

        #expect(try client.readUntilClose().isEmpty)
    }

    @Test func answersSlowHeadsWith408WithoutHoldingUpOthers() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(headerTimeout: 0.5),
            responder: echoResponder
        )
        defer { server.shutdown() }
        let slow = try server.client()
        try slow.send("GET /slow HTTP/1.1\r\nHost: example\r\n")

        let other = try server.client()
        for index in 0..<3 {
            #expect(try other.request(path: "/fast/\(index)").status == 200)
        }

        let response = try slow.readResponse()
        #expect(response.status == 408)
        #expect(response.text == #"{"detail":"Request not received in time."}"#)
        #expect(response.header("Connection") == "close")
        #expect(slow.isClosedByPeer(within: 5))
        #expect(try other.request(path: "/fast/again").status == 200)
    }

    @Test func countsTheWaitBeforeTheFirstByteAgainstTheHeaderTimeout() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(headerTimeout: 1),
            responder: echoResponder
        )
        defer { server.shutdown() }
        let client = try server.client()

        // Each pause is shorter than the header timeout, both together are longer: the
        // head is late only if the clock started at the connection, not at the first byte.
        usleep(700_000)
        try client.send("GET /late HTTP/1.1\r\n")
        usleep(600_000)
        try client.send("Host: h\r\n\r\n")

        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.isClosedByPeer(within: 5))
        #expect(server.accessRecords.isEmpty)
    }

    @Test func answersStalledBodiesWith408() throws {
        let server = try TestServer(
            configuration: HTTPServerConfiguration(idleTimeout: 0.3),
            responder: echoResponder
        )
        defer { server.shutdown() }
        let client = try server.client()

        try client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.isClosedByPeer(within: 5))
    }
}
