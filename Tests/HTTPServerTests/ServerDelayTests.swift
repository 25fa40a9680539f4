import HTTPServer
import Log
import Synchronization
import TestSupport
import Testing

/// Counts the requests that reached a responder, across its connections' queues.
final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more request.
    func increment() {
        count.add(1, ordering: .relaxed)
    }

    /// The requests counted so far.
    var value: Int { count.load(ordering: .relaxed) }
}

@Suite struct ServerDelayTests {
    /// Answers `/slow…` with a delayed `slow` and anything else at once, counting the
    /// requests that reached it.
    private static func startServer(
        delay: Duration,
        handled: RequestCounter = RequestCounter()
    ) throws -> TestServer {
        try TestServer { request in
            handled.increment()
            guard request.path.hasPrefix("/slow") else {
                return HTTPResponse(status: .ok, body: Array("fast \(request.path)".utf8))
            }
            return HTTPResponse(status: .ok, body: Array("slow".utf8), delay: delay)
        }
    }

    @Test func delayedResponsesDoNotHoldUpOtherConnections() throws {
        let handled = RequestCounter()
        let server = try TestServer { request in
            handled.increment()
            guard request.path.hasPrefix("/slow") else {
                return HTTPResponse(status: .ok, body: Array("healthy".utf8))
            }
            return HTTPResponse(status: .ok, body: Array("slow".utf8), delay: .seconds(3))
        }
        defer { server.shutdown() }

        // More delayed requests than Dispatch has worker threads.
        var waiting: [RawHTTPClient] = []
        for index in 0..<300 {
            let client = try server.client()
            try client.send("GET /slow/\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            waiting.append(client)
        }
        #expect(eventually { handled.value == 300 })

        let health = try server.client()
        let answer = try health.request(path: "/healthz")
        #expect(answer.status == 200)
        #expect(answer.text == "healthy")

        for client in waiting {
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "slow")
        }
        let paths = server.accessRecords.map { $0.metadata["http.path"] ?? "" }
        #expect(paths.count == 301)
        #expect(paths.first == "/healthz", "health answered before any delayed response")
    }

    @Test func keepsPipelinedResponsesInOrderBehindADelayedOne() throws {
        let server = try Self.startServer(delay: Duration.milliseconds(300))
        defer { server.shutdown() }
        let client = try server.client()

        try client.send(
            "GET /slow HTTP/1.1\r\nHost: h\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n"
        )
        #expect(try client.readResponse().text == "slow")
        #expect(try client.readResponse().text == "fast /after")
        #expect(try client.request(path: "/slow/again").text == "slow")
        #expect(
            server.accessRecords.map { $0.metadata["http.path"] }
                == ["/slow", "/after", "/slow/again"]
        )
    }

    @Test func sendsADelayedResponseBeforeShuttingDown() throws {
        let handled = RequestCounter()
        let server = try Self.startServer(delay: Duration.milliseconds(300), handled: handled)
        let client = try server.client()

        try client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(eventually { handled.value == 1 })
        server.shutdown()

        let response = try client.readResponse()
        #expect(response.text == "slow")
        #expect(response.header("Connection") == "close")
    }
}
