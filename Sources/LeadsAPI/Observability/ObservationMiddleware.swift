import HTTPServer
import Log

/// The outermost step of every request: times it, counts it for `/metrics` and writes it
/// to the request journal. Errors were already rendered by the innermost step, so the
/// status recorded is the status sent.
struct ObservationMiddleware: Middleware {
    let metrics: Metrics
    let journal: RequestJournal
    let labeler: RouteLabeler

    /// Paths the journal leaves out: its own API, scrapes and health checks.
    static func isJournalled(_ path: String) -> Bool {
        !path.hasPrefix("/__admin/") && path != "/metrics" && path != "/healthz"
    }

    /// Runs the chain and records the outcome.
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        let start = Timestamp.now()
        let response = try next(request)

        // A delayed response leaves after the chain returns; its delay is part of its time.
        let (delaySeconds, delayAttoseconds) = response.delay.components
        let delay = Double(delaySeconds) + Double(delayAttoseconds) / 1e18
        let end = Timestamp.now()
        let seconds = max(0, end - start) + max(0, delay)
        metrics.observe(
            method: request.method.rawValue,
            route: labeler.label(for: request.path),
            status: response.status.code,
            seconds: seconds
        )
        if Self.isJournalled(request.path) {
            journal.record(
                request,
                status: response.status.code,
                durationMilliseconds: seconds * 1000,
                receivedAt: start
            )
        }
        return response
    }
}
