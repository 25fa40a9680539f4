import BodyParsing
import Log
import TestSupport
import Testing

@Suite("Admin API: simulated latency and failures")
struct BehaviourTests {
    /// The quiet settings a server starts with.
    static let quiet =
        #"{"latency_ms":{"min":0.0,"max":0.0},"error_rate":0.0,"error_status":503,"seed":null}"#

    /// The status of each of `count` list requests.
    static func statuses(_ server: APITestServer, count: Int) throws -> [Int] {
        try (0..<count).map { _ in try server.request("GET", leadsPath(), as: "alice").status }
    }

    @Test("reads the quiet defaults and changes them")
    func readAndUpdate() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        expectJSON(try server.admin("GET", "/__admin/behaviour"), 200, Self.quiet)

        let updated = try server.admin(
            "PUT",
            "/__admin/behaviour",
            body: #"{"latency_ms": {"min": 10, "max": 25.5}, "error_rate": 0.25, "#
                + #""error_status": 502, "seed": 7}"#
        )
        let expected =
            #"{"latency_ms":{"min":10.0,"max":25.5},"error_rate":0.25,"error_status":502,"#
            + #""seed":7}"#
        expectJSON(updated, 200, expected)
        expectJSON(try server.admin("GET", "/__admin/behaviour"), 200, expected)

        let partial = try server.admin("PUT", "/__admin/behaviour", body: #"{"latency_ms": 40}"#)
        expectJSON(
            partial,
            200,
            #"{"latency_ms":{"min":40.0,"max":40.0},"error_rate":0.25,"error_status":502,"#
                + #""seed":7}"#
        )

        let reset = try server.admin(
            "PUT",
            "/__admin/behaviour",
            body: #"{"latency_ms": 0, "error_rate": 0, "error_status": 503, "seed": null}"#
        )
        expectJSON(reset, 200, Self.quiet)
    }

    @Test("invalid values are 400 with a field error and change nothing")
    func invalidValues() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let cases = [
            (#"{"error_rate": 1.5}"#, "error_rate"), (#"{"error_rate": -0.1}"#, "error_rate"),
            (#"{"error_rate": "half"}"#, "error_rate"), (#"{"error_status": 200}"#, "error_status"),
            (#"{"error_status": 503.5}"#, "error_status"),
            (#"{"error_status": 600}"#, "error_status"),
            (#"{"latency_ms": -1}"#, "latency_ms"), (#"{"latency_ms": 60001}"#, "latency_ms"),
            (#"{"latency_ms": {"min": 50, "max": 10}}"#, "latency_ms"),
            (#"{"latency_ms": {"min": "slow"}}"#, "latency_ms"),
            (#"{"latency_ms": {"min": 10, "max": null}}"#, "latency_ms"),
            (#"{"latency_ms": "100"}"#, "latency_ms"), (#"{"seed": -3}"#, "seed"),
            (#"{"seed": 1.5}"#, "seed"), (#"{"seed": "abc"}"#, "seed"),
            (#"{"error_rate": 0.5, "seed": "abc"}"#, "seed"),
            (#"{"errror_rate": 0.5}"#, "errror_rate"),
            (#"{"latency_ms": {"minimum": 10}}"#, "latency_ms"),
        ]
        for (body, field) in cases {
            let response = try server.admin("PUT", "/__admin/behaviour", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(try parsedBody(response).member(field)?.arrayValue?.count == 1, "\(body)")
        }
        for body in ["[]", "not json", ""] {
            let response = try server.admin("PUT", "/__admin/behaviour", body: body)
            #expect(response.status == 400, "\(body)")
        }
        expectJSON(try server.admin("GET", "/__admin/behaviour"), 200, Self.quiet)
        #expect(try Self.statuses(server, count: 3) == [200, 200, 200])
    }

    @Test("the same seed gives the same failures, run after run")
    func seededFailuresRepeat() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }
        let settings = #"{"error_rate": 0.5, "error_status": 503, "seed": 20261203}"#

        var runs: [[Int]] = []
        for _ in 0..<2 {
            #expect(try server.admin("PUT", "/__admin/behaviour", body: settings).status == 200)
            runs.append(try Self.statuses(server, count: 20))
        }

        #expect(runs[0] == runs[1])
        #expect(runs[0].contains(503) && runs[0].contains(200), "\(runs[0])")
        #expect(Set(runs[0]) == [200, 503])

        let otherSeed = #"{"error_rate": 0.5, "error_status": 503, "seed": 1}"#
        #expect(try server.admin("PUT", "/__admin/behaviour", body: otherSeed).status == 200)
        #expect(try Self.statuses(server, count: 20) != runs[0])
    }

    @Test("a simulated failure looks like the backend's answer and is journalled")
    func simulatedFailureBody() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let settings = #"{"error_rate": 1, "error_status": 503}"#
        #expect(try server.admin("PUT", "/__admin/behaviour", body: settings).status == 200)

        let failed = try server.request("GET", leadsPath(), as: "alice")
        expectJSON(
            failed,
            503,
            #"{"detail":"Service temporarily unavailable, try again later."}"#
        )
        #expect(failed.header("Retry-After") == nil)
        #expect(failed.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(try server.request("GET", "/healthz").status == 200)
        #expect(try server.admin("GET", "/__admin/behaviour").status == 200)
        let journal = try parsedBody(try server.admin("GET", "/__admin/requests"))
        #expect(journal.member("requests")?.arrayValue?.first?.member("status")?.intValue == 503)

        let quiet = #"{"error_rate": 0}"#
        #expect(try server.admin("PUT", "/__admin/behaviour", body: quiet).status == 200)
        #expect(try server.request("GET", leadsPath(), as: "alice").status == 200)
    }

    @Test("a fixed latency delays API requests by at least that much")
    func fixedLatency() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let settings = #"{"latency_ms": 300}"#
        #expect(try server.admin("PUT", "/__admin/behaviour", body: settings).status == 200)

        let start = Timestamp.now()
        let response = try server.request("GET", leadsPath(), as: "alice")
        let elapsed = Timestamp.now() - start
        #expect(response.status == 200)
        #expect(elapsed >= 0.3, "\(elapsed)")
    }

    @Test("a random latency range delays by at least its minimum")
    func latencyRange() throws {
        let server = try APITestServer.withAdmin()
        defer { server.stop() }

        let settings = #"{"latency_ms": {"min": 150, "max": 250}, "seed": 9}"#
        #expect(try server.admin("PUT", "/__admin/behaviour", body: settings).status == 200)

        for _ in 0..<2 {
            let start = Timestamp.now()
            let response = try server.request("GET", leadsPath(), as: "alice")
            let elapsed = Timestamp.now() - start
            #expect(response.status == 200)
            #expect(elapsed >= 0.15, "\(elapsed)")
        }
    }
}
