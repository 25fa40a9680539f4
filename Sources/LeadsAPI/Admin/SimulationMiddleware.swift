import HTTPServer

/// Makes API requests slow or failing on purpose, so clients can test their handling:
/// per request through `Prefer: code=503` and `Prefer: delay=800` (Prism's convention),
/// and for every request through the admin API's behaviour settings.
///
/// A delay is not slept here: the request is answered at once and the response carries
/// the delay, which the server waits out on a timer before sending. A sleeping handler
/// would hold one of Dispatch's few worker threads per delayed request, and a few hundred
/// of them would stall every other client, health checks included.
struct SimulationMiddleware: Middleware {
    let behaviour: Behaviour
    /// Whether `Prefer` headers are obeyed.
    let preferHeaderEnabled: Bool
    /// Renders a forced status with the body the backend would send.
    let errors: ErrorRenderer
    /// The `Allow` list of each API URL, for forced answers to carry.
    let endpoints: EndpointMethods

    /// The longest delay a request can ask for, in milliseconds.
    static let maximumDelay = 60_000.0

    /// Delays and fails API requests as asked, then runs the rest of the chain.
    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard request.path.hasPrefix("/api/v1.0/") else { return try next(request) }

        let preference = preferHeaderEnabled ? PreferHeader(request.headers) : PreferHeader()
        let drawn = behaviour.draw()
        let delay = min(Self.maximumDelay, (preference.delay ?? 0) + drawn.delayMilliseconds)

        var response: HTTPResponse
        if let status = preference.status ?? drawn.errorStatus {
            response = errors.simulatedResponse(
                status: status,
                request: request,
                allowedMethods: endpoints.allowedMethods(for: request.path)
            )
        } else if delay > 0 {
            // A thrown error would lose the delay on its way out, so it is rendered here.
            do {
                response = try next(request)
            } catch {
                response = errors.response(for: error, request: request)
            }
        } else {
            return try next(request)
        }
        response.delay = max(response.delay, .milliseconds(delay))
        return response
    }
}

/// The `code` and `delay` preferences of a request's `Prefer` headers.
struct PreferHeader: Sendable, Equatable {
    /// A status from 400 to 599 to answer with.
    var status: Int?
    /// Milliseconds to wait before answering.
    var delay: Double?

    /// No preferences.
    init() {}

    /// Reads every `Prefer` header; unknown or malformed preferences are ignored, as
    /// RFC 7240 asks.
    init(_ headers: HTTPHeaders) {
        for header in headers.values(for: "Prefer") {
            for token in header.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let parts = token.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = String(parts[0]).trimming(" \t").lowercased()
                let value = String(parts[1]).trimming(" \t\"")
                switch name {
                case "code", "status":
                    if let code = Int(value), (400...599).contains(code) { status = code }
                case "delay":
                    if let milliseconds = Double(value), milliseconds.isFinite, milliseconds >= 0 {
                        delay = milliseconds
                    }
                default:
                    continue
                }
            }
        }
    }
}
