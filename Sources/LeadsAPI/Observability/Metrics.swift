import Locking

/// Request counts and latencies for `/metrics`, kept in memory since start-up.
final class Metrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let bucketBounds = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// Methods counted under their own name; any other is counted as `OTHER`, so clients
    /// inventing methods cannot grow the counters without bound.
    static let standardMethods: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    ]

    private struct CounterKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Histogram {
        var buckets = [Int](repeating: 0, count: Metrics.bucketBounds.count)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        var requests: [CounterKey: Int] = [:]
        var latencies: [String: Histogram] = [:]
    }
    private let state = Locked(State())

    /// Creates empty metrics.
    init() {}

    /// Counts one answered request and its latency.
    func observe(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            let label = Metrics.standardMethods.contains(method) ? method : "OTHER"
            let key = CounterKey(method: label, route: route, status: status)
            state.requests[key, default: 0] += 1
            var histogram = state.latencies[route] ?? Histogram()
            if let bucket = Metrics.bucketBounds.firstIndex(where: { seconds <= $0 }) {
                histogram.buckets[bucket] += 1
            }
            histogram.sum += seconds
            histogram.count += 1
            state.latencies[route] = histogram
        }
    }

    /// The Prometheus text exposition of everything, with the gauges read by the caller.
    func render(gauges: MetricsGauges) -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []

        lines.append("# HELP leads_server_requests_total Requests answered, by route and status.")
        lines.append("# TYPE leads_server_requests_total counter")
        let keys = snapshot.requests.keys.sorted {
            ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status)
        }
        for key in keys {
            lines.append(
                "leads_server_requests_total{method=\"\(key.method)\","
                    + "route=\"\(escape(key.route))\",status=\"\(key.status)\"} "
                    + "\(snapshot.requests[key] ?? 0)"
            )
        }

        lines.append("# HELP leads_server_request_duration_seconds Time to answer a request.")
        lines.append("# TYPE leads_server_request_duration_seconds histogram")
        for route in snapshot.latencies.keys.sorted() {
            guard let histogram = snapshot.latencies[route] else { continue }
            let label = "route=\"\(escape(route))\""
            var cumulative = 0
            for (index, bound) in Metrics.bucketBounds.enumerated() {
                cumulative += histogram.buckets[index]
                lines.append(
                    "leads_server_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} "
                        + "\(cumulative)"
                )
            }
            lines.append(
                "leads_server_request_duration_seconds_bucket{\(label),le=\"+Inf\"} "
                    + "\(histogram.count)"
            )
            lines.append("leads_server_request_duration_seconds_sum{\(label)} \(histogram.sum)")
            lines.append("leads_server_request_duration_seconds_count{\(label)} \(histogram.count)")
        }

        lines.append("# HELP leads_server_open_connections Client connections open now.")
        lines.append("# TYPE leads_server_open_connections gauge")
        lines.append("leads_server_open_connections \(gauges.openConnections)")
        lines.append("# HELP leads_server_database_size_bytes Size of the SQLite database.")
        lines.append("# TYPE leads_server_database_size_bytes gauge")
        lines.append("leads_server_database_size_bytes \(gauges.databaseSizeBytes)")
        lines.append("# HELP leads_server_leads Leads stored, by organisation.")
        lines.append("# TYPE leads_server_leads gauge")
        for (organisation, count) in gauges.leadsByOrganisation {
            lines.append("leads_server_leads{organisation=\"\(escape(organisation))\"} \(count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes a label value as the exposition format requires.
    private func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Values read fresh for each scrape.
struct MetricsGauges: Sendable {
    var openConnections: Int
    var databaseSizeBytes: Int
    var leadsByOrganisation: [(String, Int)]
}
