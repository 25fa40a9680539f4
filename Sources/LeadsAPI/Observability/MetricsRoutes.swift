import HTTPServer
import Locking
import Storage

/// `GET /metrics` in the Prometheus text format, without authentication, as scrapers
/// expect.
struct MetricsRoutes: Sendable {
    let metrics: Metrics
    let database: Database
    let connections: ConnectionCounter

    /// Registers the scrape endpoint.
    func register(in router: inout Router) {
        router.add(.get, "/metrics") { _ in
            let gauges = try database.read { connection in
                let pages = try connection.queryOne(
                    "SELECT page_count * page_size AS size "
                        + "FROM pragma_page_count(), pragma_page_size()"
                )
                let leads = try connection.query(
                    """
                    SELECT o.unique_id AS organisation, COUNT(l.id) AS leads
                    FROM organisations o LEFT JOIN leads l ON l.organisation_id = o.id
                    GROUP BY o.id ORDER BY o.unique_id
                    """
                )
                return MetricsGauges(
                    openConnections: connections.current,
                    databaseSizeBytes: pages?.value("size") ?? 0,
                    leadsByOrganisation: leads.map {
                        ($0.value("organisation") ?? "", $0.value("leads") ?? 0)
                    }
                )
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
            return HTTPResponse(
                status: .ok,
                headers: headers,
                body: Array(metrics.render(gauges: gauges).utf8)
            )
        }
    }
}

/// Reads the server's open connection count once the server exists; the routes are
/// built before the server, so the reading is connected afterwards.
final class ConnectionCounter: Sendable {
    private let source = Locked<(@Sendable () -> Int)?>(nil)

    /// Creates a counter that reads 0 until connected.
    init() {}

    /// Connects the reading.
    func connect(_ reading: @escaping @Sendable () -> Int) {
        source.withLock { $0 = reading }
    }

    /// The current count.
    var current: Int {
        source.withLock { $0 }?() ?? 0
    }
}
