import HTTPServer
import Locking
import Log
import TestSupport
import Testing

@Suite struct ServerRejectionLogTests {
    /// Keeps what the rejection observer was told, from any connection's queue.
    private final class RejectionCollector: Sendable {
        private let rejections = Locked<[RejectedRequest]>([])

        func append(_ rejected: RejectedRequest) {
            rejections.withLock { $0.append(rejected) }
        }

        var all: [RejectedRequest] { rejections.withLock { $0 } }
    }

    /// A server whose refusals are collected from both the log and the observer.
    private final class ObservedServer: Sendable {
        let server: HTTPServer
        let port: Int
        let logs = InMemoryLogHandler()
        private let collector = RejectionCollector()

        init(configuration: HTTPServerConfiguration = HTTPServerConfiguration()) throws {
            var configuration = configuration
            configuration.host = "127.0.0.1"
            configuration.port = 0
            let collector = collector
            server = HTTPServer(
                configuration: configuration,
                responder: echoResponder,
                logger: Logger(label: "http", level: .info, handler: logs),
                rejectionObserver: { collector.append($0) }
            )
            port = try server.start()
        }

        var rejections: [RejectedRequest] { collector.all }

        var rejectionRecords: [LogRecord] {
            logs.records.filter { $0.message == "Request rejected" }
        }
    }

    @Test func logsAndReportsARefusalLikeAnAnsweredRequest() throws {
        let server = try ObservedServer()
        defer { server.server.shutdown() }
        let client = try RawHTTPClient(port: server.port)

        try client.send(
            "POST /leads/?token=secret HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n"
        )
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(client.isClosedByPeer(within: 5))

        let records = server.rejectionRecords
        try #require(records.count == 1)
        let record = records[0]
        #expect(record.level == .info)
        #expect(record.metadata["http.method"] == "POST")
        #expect(record.metadata["http.path"] == "/leads/")
        #expect(record.metadata["http.status"] == "400")
        #expect(record.metadata["http.bytes"] == String(response.body.count))
        #expect(record.metadata["request.id"] == response.header("X-Request-Id"))
        #expect(record.metadata["client.address"] == "127.0.0.1")
        #expect(record.metadata["error.message"] == "Invalid Content-Length header.")
        let duration = try #require(record.metadata["http.duration_ms"])
        #expect(duration.split(separator: ".").count == 2)

        #expect(eventually { server.rejections.count == 1 })
        let rejected = try #require(server.rejections.first)
        #expect(rejected.method == .post)
        #expect(rejected.path == "/leads/")
        #expect(rejected.status == .badRequest)
        #expect(rejected.reason == "Invalid Content-Length header.")
        #expect(rejected.bodyBytes == response.body.count)
        #expect(rejected.requestID == response.header("X-Request-Id"))
        #expect(rejected.remoteAddress == "127.0.0.1")
    }

    @Test func leavesOutWhatTheRefusedRequestNeverSaid() throws {
        let server = try ObservedServer()
        defer { server.server.shutdown() }

        let garbled = try RawHTTPClient(port: server.port)
        try garbled.send("hello\r\n\r\n")
        #expect(try garbled.readResponse().status == 400)

        let head = try RawHTTPClient(port: server.port)
        try head.send("HEAD relative HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try head.readResponse(headOnly: true).status == 400)

        #expect(eventually { server.rejectionRecords.count == 2 })
        let byMethod = Dictionary(
            grouping: server.rejectionRecords,
            by: { $0.metadata["http.method"] ?? "none" }
        )
        let unnamed = try #require(byMethod["none"]?.first)
        #expect(unnamed.metadata["http.path"] == nil)
        let named = try #require(byMethod["HEAD"]?.first)
        #expect(named.metadata["http.path"] == nil)
        #expect(named.metadata["http.bytes"] == "0")
    }

    @Test func reportsTimeoutsOfPartlyReceivedRequests() throws {
        let server = try ObservedServer(configuration: HTTPServerConfiguration(headerTimeout: 0.3))
        defer { server.server.shutdown() }
        let client = try RawHTTPClient(port: server.port)

        try client.send("GET /slow HTTP/1.1\r\nHost: h\r\n")
        #expect(try client.readResponse().status == 408)

        #expect(eventually { server.rejections.count == 1 })
        let rejected = try #require(server.rejections.first)
        #expect(rejected.status == .requestTimeout)
        #expect(rejected.method == .get)
        #expect(rejected.path == "/slow")
        #expect(server.rejectionRecords.first?.metadata["http.status"] == "408")
    }
}
