import LeadsAPI
import TestSupport
import Testing

@Suite("Prometheus metrics at /metrics")
struct MetricsTests {
    /// One sample line: metric name, labels and value.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Parses the text exposition format, checking every line is a comment or a sample.
    static func samples(
        _ text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Sample] {
        var samples: [Sample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "),
                let value = Double(line[line.index(after: space)...])
            else {
                Issue.record("not a sample: \(line)", sourceLocation: sourceLocation)
                continue
            }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else {
                samples.append(Sample(name: String(series), labels: [:], value: value))
                continue
            }
            var labels: [String: String] = [:]
            let inner = series[series.index(after: brace)..<series.index(before: series.endIndex)]
            for pair in inner.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else {
                    Issue.record("bad label in \(line)", sourceLocation: sourceLocation)
                    continue
                }
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            samples.append(Sample(name: String(series[..<brace]), labels: labels, value: value))
        }
        return samples
    }

    /// Scrapes the metrics on a new connection.
    static func scrape(_ server: APITestServer) throws -> [Sample] {
        let response = try server.request("GET", "/metrics")
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        return samples(response.text)
    }

    /// The value of the one sample with this name and these labels.
    static func value(
        _ samples: [Sample],
        _ name: String,
        _ labels: [String: String] = [:]
    ) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.count == 1 ? matching[0].value : nil
    }

    static let listRoute = "/api/v1.0/organisation/{org_uid}/leads/"
    static let detailRoute = "/api/v1.0/organisation/{org_uid}/leads/{unique_id}/"

    @Test("requests are counted by method, route pattern and status")
    func requestCounts() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for _ in 0..<3 {
            _ = try server.request("GET", leadsPath(), as: "alice")
        }
        _ = try server.request("GET", leadsPath("org-b"), as: "bob")
        _ = try server.request("GET", leadsPath())
        _ = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        _ = try server.request("GET", leadsPath("org-a", "lead-b1/"), as: "alice")
        _ = try server.request("GET", "/no/such/page")
        _ = try server.request("BREW", leadsPath(), as: "alice")
        _ = try server.request("PROPFIND", leadsPath(), as: "alice")

        let text = try server.request("GET", "/metrics").text
        let samples = Self.samples(text)
        let counter = "leads_server_requests_total"
        #expect(text.contains("# TYPE leads_server_requests_total counter"))
        #expect(
            Self.value(
                samples,
                counter,
                ["method": "GET", "route": Self.listRoute, "status": "200"]
            )
                == 4
        )
        #expect(
            Self.value(
                samples,
                counter,
                ["method": "GET", "route": Self.listRoute, "status": "401"]
            )
                == 1
        )
        #expect(
            Self.value(samples, counter, ["route": Self.detailRoute, "status": "200"]) == 1
        )
        #expect(Self.value(samples, counter, ["route": Self.detailRoute, "status": "404"]) == 1)
        #expect(Self.value(samples, counter, ["route": "unmatched", "status": "404"]) == 1)
        #expect(Self.value(samples, counter, ["method": "OTHER", "status": "405"]) == 2)
        for sample in samples where sample.name == counter {
            #expect(!["BREW", "PROPFIND"].contains(sample.labels["method"]))
            let route = sample.labels["route"] ?? ""
            #expect(!route.contains("org-a") && !route.contains("lead-1"), "\(route)")
        }
    }

    @Test("requests the server refuses before they are whole are counted too")
    func refusalsAreCounted() throws {
        let server = try APITestServer { configuration in
            configuration.maxBodySize = 64
        }
        defer { server.stop() }

        let withoutHost = try server.client()
        try withoutHost.send("GET /healthz HTTP/1.1\r\n\r\n")
        #expect(try withoutHost.readResponse().status == 400)
        withoutHost.close()
        let tooLarge = try server.request(
            "POST",
            leadsPath("org-a", "create/"),
            as: "alice",
            headers: [("Content-Type", "application/json")],
            body: String(repeating: " ", count: 65)
        )
        #expect(tooLarge.status == 413)

        let samples = try Self.scrape(server)
        let counter = "leads_server_requests_total"
        #expect(
            Self.value(samples, counter, ["method": "GET", "route": "/healthz", "status": "400"])
                == 1
        )
        #expect(
            Self.value(
                samples,
                counter,
                ["method": "POST", "route": leadsPath("{org_uid}", "create/"), "status": "413"]
            ) == 1
        )
    }

    @Test("the latency histogram is cumulative and +Inf equals the count")
    func latencyHistogram() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for index in 0..<4 {
            let prefer = index == 0 ? [("Prefer", "delay=120")] : []
            _ = try server.request("GET", leadsPath(), as: "alice", headers: prefer)
        }

        let text = try server.request("GET", "/metrics").text
        #expect(text.contains("# TYPE leads_server_request_duration_seconds histogram"))
        let samples = Self.samples(text)
        let route = ["route": Self.listRoute]
        let buckets = samples.filter {
            $0.name == "leads_server_request_duration_seconds_bucket"
                && $0.labels["route"] == Self.listRoute
        }
        let bounds = buckets.map {
            $0.labels["le"] == "+Inf" ? Double.infinity : Double($0.labels["le"] ?? "")
        }
        #expect(bounds.allSatisfy { $0 != nil })
        #expect(bounds.compactMap { $0 } == bounds.compactMap { $0 }.sorted())
        #expect(bounds.last == .infinity)
        let counts = buckets.map(\.value)
        #expect(counts == counts.sorted(), "\(counts)")

        let count = Self.value(samples, "leads_server_request_duration_seconds_count", route)
        #expect(count == 4)
        #expect(counts.last == count)
        let sum = try #require(
            Self.value(samples, "leads_server_request_duration_seconds_sum", route)
        )
        #expect(sum >= 0.12)
        let underTenth = buckets.first { $0.labels["le"] == "0.1" }?.value ?? -1
        #expect(underTenth <= 3)
    }

    @Test("open connections count a keep-alive client while it stays connected")
    func openConnections() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let keptAlive = try server.client()
        defer { keptAlive.close() }
        let first = try keptAlive.request(
            method: "GET",
            path: leadsPath(),
            headers: [basicAuthorization("alice")]
        )
        #expect(first.status == 200)

        let fromOther = try Self.scrape(server)
        #expect((Self.value(fromOther, "leads_server_open_connections") ?? 0) >= 2)

        let onSame = try keptAlive.request(method: "GET", path: "/metrics")
        let fromSame = Self.samples(onSame.text)
        #expect((Self.value(fromSame, "leads_server_open_connections") ?? 0) >= 1)
    }

    @Test("database size and leads by organisation match the data")
    func gauges() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let samples = try Self.scrape(server)
        #expect((Self.value(samples, "leads_server_database_size_bytes") ?? 0) > 0)
        let leads = samples.filter { $0.name == "leads_server_leads" }
        #expect(leads.map { $0.labels["organisation"] ?? "" } == ["org-a", "org-b"])
        #expect(leads.map(\.value) == [3, 1])

        let deleted = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-1/delete/"),
            as: "alice"
        )
        #expect(deleted.status == 204)
        let after = try Self.scrape(server)
        #expect(Self.value(after, "leads_server_leads", ["organisation": "org-a"]) == 2)
        #expect(Self.value(after, "leads_server_leads", ["organisation": "org-b"]) == 1)
    }
}
