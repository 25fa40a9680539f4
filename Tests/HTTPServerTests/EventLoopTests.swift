import Dispatch
import HTTPServer
import Locking
import TestSupport
import Testing

/// The event loops: fast requests answered on the loop, blocking ones on a thread of their
/// own, and connections the loop must close by itself.
@Suite struct EventLoopTests {
    /// A chain whose `/slow` waits for `released` and says so through `mayBlock`, while
    /// every other path answers at once on the loop.
    private static func chain(started: DispatchSemaphore, released: DispatchSemaphore)
        -> MiddlewareChain
    {
        MiddlewareChain(
            middleware: [],
            errorResponder: MiddlewareChain.defaultErrorResponder,
            mayBlock: { $0.path == "/slow" },
            handler: { request in
                if request.path == "/slow" {
                    started.signal()
                    released.wait()
                }
                return HTTPResponse(status: .ok, body: Array("done \(request.path)".utf8))
            }
        )
    }

    /// A server with one event loop, so every client shares it, running `chain`.
    private static func singleLoopServer(_ responder: any HTTPResponder) throws -> TestServer {
        var configuration = HTTPServerConfiguration()
        configuration.eventLoopCount = 1
        configuration.idleTimeout = 120
        return try TestServer(configuration: configuration, responder: responder)
    }

    @Test("a blocking request does not hold up other clients of the same loop")
    func blockingRequestRunsOffTheLoop() throws {
        let started = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        let server = try Self.singleLoopServer(Self.chain(started: started, released: released))
        defer { server.shutdown() }

        let slow = try server.client()
        try slow.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)

        // One loop serves both connections, so this answer proves the loop is free.
        let fast = try server.client()
        for number in 0..<20 {
            #expect(try fast.request(path: "/fast/\(number)").text == "done /fast/\(number)")
        }

        released.signal()
        #expect(try slow.readResponse().text == "done /slow")
        // The request pipelined behind the blocking one is answered after it, in order.
        #expect(try slow.readResponse().text == "done /after")
    }

    @Test("a responder that does not say otherwise may block, and does not stall the loop")
    func plainRespondersRunOffTheLoop() throws {
        let started = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        let server = try Self.singleLoopServer(
            ClosureResponder { request in
                if request.path == "/slow" {
                    started.signal()
                    released.wait()
                }
                return HTTPResponse(status: .ok, body: Array("done \(request.path)".utf8))
            }
        )
        defer { server.shutdown() }

        let slow = try server.client()
        try slow.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        #expect(try server.client().request(path: "/fast").text == "done /fast")

        released.signal()
        #expect(try slow.readResponse().text == "done /slow")
    }

    @Test("a client that resets while its answer is being made elsewhere is closed at once")
    func resetWhileAwaitingTheResponder() throws {
        let started = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        let server = try Self.singleLoopServer(Self.chain(started: started, released: released))
        defer { server.shutdown() }

        let client = try server.client()
        try client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 5) == .success)
        #expect(server.server.openConnectionCount == 1)

        // Reading is paused while the responder works, so only the error report that
        // epoll always delivers can tell the loop; without it the connection would stay
        // open until the handler returned.
        client.reset()
        #expect(eventually { server.server.openConnectionCount == 0 })

        released.signal()
        // The late response finds its connection gone and the loop carries on.
        #expect(try server.client().request(path: "/next").text == "done /next")
    }

    @Test("connections are dealt out to every loop, each answering its own")
    func manyLoopsShareTheClients() throws {
        var configuration = HTTPServerConfiguration()
        configuration.eventLoopCount = 3
        let server = try TestServer(configuration: configuration, responder: echoResponder)
        defer { server.shutdown() }

        let clients = try (0..<9).map { _ in try server.client() }
        for round in 0..<3 {
            for (number, client) in clients.enumerated() {
                let response = try client.request(path: "/\(number)/\(round)")
                #expect(response.text == "GET /\(number)/\(round) ")
            }
        }
        #expect(server.server.openConnectionCount == 9)
    }
}
