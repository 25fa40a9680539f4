@preconcurrency import Dispatch
import Log
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One client connection: reads requests, runs the responder, writes responses in order.
///
/// Thread safety: every mutable property is read and written only on `queue`. The read
/// source, the write source and the timer all deliver their handlers on `queue`, `start()`
/// itself runs there, and other threads reach a connection only through `queue.async`.
/// That invariant is what makes `@unchecked Sendable` sound.
final class Connection: @unchecked Sendable {
    /// Where the lifecycle of the connection stands.
    enum State {
        /// Reading requests and writing responses.
        case open
        /// The last response is sent and our side is shut down; reading and discarding
        /// until the client closes, so unread input does not turn our close into a reset
        /// that destroys the response before the client reads it.
        case lingering
        /// Sources cancelled; the descriptor closes when their cancel handlers have run.
        case closed
    }

    /// How long a closing connection waits for the client to close its side.
    static let lingerNanoseconds: UInt64 = 2_000_000_000

    let queue: DispatchQueue
    let descriptor: Int32
    let remoteAddress: String
    let context: ServerContext
    var logger: Logger { context.logger }

    var state = State.open
    var parser: RequestParser
    var readSource: (any DispatchSourceRead)?
    var writeSource: (any DispatchSourceWrite)?
    var timer: (any DispatchSourceTimer)?
    var isReadSuspended = false
    var isWriteSuspended = false
    var pendingCancellations = 0

    /// Response bytes not yet accepted by the kernel, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0
    /// Close once `output` is sent.
    var closesAfterOutput = false
    /// A response waiting for its delay to pass; nothing else is read or served meanwhile.
    var delayedResponse: DelayedResponse?
    /// The client shut down its sending side.
    var inputEnded = false
    var requestsServed = 0

    /// Uptime (ns) when the connection was accepted.
    let connectedAt: UInt64
    /// Uptime (ns) of the last read or write progress.
    var lastActivity: UInt64
    /// Uptime (ns) when the head now being received started to arrive.
    var headStartedAt: UInt64?
    /// Uptime (ns) when lingering started.
    var lingerStartedAt: UInt64 = 0
    /// Uptime (ns) of the last check that a client with stalled output is still there.
    var peerCheckedAt: UInt64 = 0
    /// The deadline the timer is set for, or `UInt64.max` when it is not set.
    var scheduledDeadline = UInt64.max

    var date = HTTPDate()
    var requestIdentifiers = RequestIdentifier()

    init(descriptor: Int32, remoteAddress: String, context: ServerContext) {
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        self.context = context
        self.queue = DispatchQueue(label: "leads.http.connection")
        self.parser = RequestParser(
            maxHeaderSize: context.configuration.maxHeaderSize,
            maxBodySize: context.configuration.maxBodySize,
            bodySizeLimits: context.configuration.bodySizeLimits
        )
        self.connectedAt = DispatchTime.now().uptimeNanoseconds
        self.lastActivity = connectedAt
    }

    /// Creates and resumes the sources; called once, on `queue`, before anything else.
    func start() {
        dispatchPrecondition(condition: .onQueue(queue))

        let readSource = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        readSource.setEventHandler { [self] in handleReadable() }
        readSource.setCancelHandler { [self] in sourceCancelled() }
        self.readSource = readSource
        pendingCancellations += 1

        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [self] in handleTimer() }
        self.timer = timer
        let deadline = self.deadline().time
        timer.schedule(
            deadline: DispatchTime(uptimeNanoseconds: deadline),
            leeway: .milliseconds(10)
        )
        scheduledDeadline = deadline

        timer.resume()
        readSource.resume()
    }

    /// Reads what is available, then serves every complete request.
    func handleReadable() {
        guard state != .closed else { return }

        var received = false
        var ended = false
        var failure: Int32?
        withUnsafeTemporaryAllocation(byteCount: 65536, alignment: 16) { buffer in
            // A few reads per event, so one fast sender cannot monopolise the queue; the
            // source fires again while data remains.
            for _ in 0..<4 {
                let result = SystemCall.run { read(descriptor, buffer.baseAddress, buffer.count) }
                switch result {
                case .done(0):
                    ended = true
                    return
                case .done(let count):
                    received = true
                    if state == .open {
                        parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                    }
                    if count < buffer.count { return }
                case .wouldBlock:
                    return
                case .failed(let code):
                    failure = code
                    return
                }
            }
        }

        if let failure {
            logDisconnect(call: "read", errno: failure)
            terminate()
            return
        }
        if state == .lingering {
            if ended { terminate() }
            return
        }
        if received {
            lastActivity = DispatchTime.now().uptimeNanoseconds
        }
        if ended {
            inputEnded = true
            suspendReading()
        }

        serveRequests()
        refreshTimer()
    }

    /// Serves buffered requests one at a time, stopping while a response waits to be sent
    /// so responses go out in request order and a client that does not read cannot make
    /// the server buffer without bound.
    func serveRequests() {
        while state == .open && !closesAfterOutput && outputOffset == output.count
            && delayedResponse == nil
        {
            switch parser.next() {
            case .needMoreData:
                if parser.phase == .head && headStartedAt == nil {
                    headStartedAt = DispatchTime.now().uptimeNanoseconds
                }
                if inputEnded { terminate() }
                return
            case .continueExpected:
                output.append(contentsOf: ResponseWriter.continueResponse)
                flush()
            case .request(let request, let keepAlive):
                serve(request, keepAlive: keepAlive)
            case .failure(let error):
                reject(error)
            }
        }
    }

    /// Runs the responder for one request and sends its response, or holds it back on the
    /// timer when the response asks for a delay.
    func serve(_ request: HTTPRequest, keepAlive: Bool) {
        let started = DispatchTime.now().uptimeNanoseconds
        headStartedAt = nil
        requestsServed += 1

        var request = request
        request.remoteAddress = remoteAddress
        request.requestID = requestIdentifiers.resolve(incoming: request.headers["X-Request-Id"])
        let response = context.responder.respond(to: request)

        let delay = Connection.nanoseconds(response.delay)
        if delay > 0 {
            hold(
                DelayedResponse(
                    request: request,
                    response: response,
                    keepAlive: keepAlive,
                    startedAt: started,
                    sendAt: DispatchTime.now().uptimeNanoseconds &+ delay
                )
            )
            return
        }
        write(response, answering: request, keepAlive: keepAlive, startedAt: started)
    }

    /// Writes a response to the output, logs its access line and starts sending it.
    func write(
        _ response: HTTPResponse,
        answering request: HTTPRequest,
        keepAlive: Bool,
        startedAt started: UInt64
    ) {
        let staysOpen =
            keepAlive && !context.isShuttingDown.load(ordering: .relaxed)
            && !response.headers.containsToken("close", in: "Connection")
        let bodyBytes = ResponseWriter.write(
            response,
            context: ResponseWriter.Context(
                isHead: request.method == .head,
                requestID: request.requestID,
                keepAlive: staysOpen,
                isHTTP10: request.version == .http1_0,
                date: date.current()
            ),
            into: &output
        )
        if !staysOpen { closesAfterOutput = true }

        // Logged before sending, so the line exists once the client has the response.
        logger.info(
            "Request handled",
            metadata: [
                "http.method": request.method.rawValue,
                "http.path": request.path,
                "http.status": String(response.status.code),
                "http.bytes": String(bodyBytes),
                "http.duration_ms": Connection.milliseconds(
                    DispatchTime.now().uptimeNanoseconds - started
                ),
                "request.id": request.requestID,
                "client.address": remoteAddress,
            ]
        )
        flush()
    }

    /// Answers a request the server refuses itself (bad syntax, limits, timeouts) and
    /// closes the connection after the answer; a refused HEAD gets no body, like any other.
    /// The refusal is logged like a handled request and passed to the rejection observer.
    func reject(_ error: HTTPServerError) {
        let now = DispatchTime.now().uptimeNanoseconds
        let started = min(headStartedAt ?? lastActivity, now)
        let requestID = requestIdentifiers.makeIdentifier()
        let requestLine = parser.partialRequestLine
        let bodyBytes = ResponseWriter.write(
            error.response,
            context: ResponseWriter.Context(
                isHead: requestLine.method == .head,
                requestID: requestID,
                keepAlive: false,
                isHTTP10: false,
                date: date.current()
            ),
            into: &output
        )
        closesAfterOutput = true

        let rejected = RejectedRequest(
            method: requestLine.method,
            path: requestLine.path,
            status: error.status,
            reason: error.detail,
            bodyBytes: bodyBytes,
            duration: .nanoseconds(Int64(clamping: now - started)),
            requestID: requestID,
            remoteAddress: remoteAddress
        )
        logRejection(rejected, nanoseconds: now - started)
        context.rejectionObserver?(rejected)
        flush()
    }

    /// Writes the access line of a refusal, with the same keys as a handled request's
    /// (method and path only when known) and the reason given to the client.
    func logRejection(_ rejected: RejectedRequest, nanoseconds: UInt64) {
        var metadata = [
            "http.status": String(rejected.status.code),
            "http.bytes": String(rejected.bodyBytes),
            "http.duration_ms": Connection.milliseconds(nanoseconds),
            "request.id": rejected.requestID,
            "client.address": remoteAddress,
            "error.message": rejected.reason,
        ]
        if let method = rejected.method { metadata["http.method"] = method.rawValue }
        if let path = rejected.path { metadata["http.path"] = path }
        logger.info("Request rejected", metadata: metadata)
    }

    /// Starts an orderly close once everything is sent: shut down our sending side, then
    /// discard input until the client closes or the linger time runs out.
    func beginClosing() {
        guard state == .open else { return }

        if inputEnded {
            terminate()
            return
        }
        state = .lingering
        lingerStartedAt = DispatchTime.now().uptimeNanoseconds
        shutdown(descriptor, Int32(SHUT_WR))
        resumeReading()
        refreshTimer()
    }

    /// Called on this connection's queue when the server shuts down: an idle connection
    /// closes now, a busy one after sending the response it is working on.
    func serverIsShuttingDown() {
        guard state == .open else { return }

        if parser.phase == .idle && outputOffset == output.count && delayedResponse == nil {
            terminate()
        }
    }

    /// Cancels the sources; the descriptor is closed by the last cancel handler, never
    /// before, so its number cannot be reused while a source still watches it.
    func terminate() {
        guard state != .closed else { return }

        state = .closed
        timer?.cancel()
        readSource?.cancel()
        if isReadSuspended {
            isReadSuspended = false
            readSource?.resume()
        }
        writeSource?.cancel()
        if isWriteSuspended {
            isWriteSuspended = false
            writeSource?.resume()
        }
    }

    /// Closes the descriptor once the read and write sources are both cancelled, and
    /// drops the sources, which breaks their reference cycles with this connection.
    func sourceCancelled() {
        pendingCancellations -= 1
        guard pendingCancellations == 0 else { return }

        close(descriptor)
        readSource = nil
        writeSource = nil
        timer = nil
        output = []
        delayedResponse = nil
        context.unregister(self)
        logger.trace("Connection closed", metadata: ["client.address": remoteAddress])
    }

    func suspendReading() {
        guard !isReadSuspended, let readSource else { return }
        isReadSuspended = true
        readSource.suspend()
    }

    func resumeReading() {
        guard isReadSuspended, !inputEnded || state == .lingering, let readSource else {
            return
        }
        isReadSuspended = false
        readSource.resume()
    }

    func logDisconnect(call: String, errno code: Int32) {
        if SystemCall.isDisconnect(code) {
            logger.debug(
                "Client disconnected",
                metadata: [
                    "client.address": remoteAddress, "error.message": SystemCall.describe(code),
                ]
            )
        } else {
            logger.warning(
                "Connection failed",
                metadata: [
                    "client.address": remoteAddress, "error.call": call,
                    "error.message": SystemCall.describe(code),
                ]
            )
        }
    }

    /// Formats nanoseconds as milliseconds with three decimals without Foundation.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let microseconds = nanoseconds / 1000
        let fraction = microseconds % 1000
        let padding = fraction < 10 ? "00" : fraction < 100 ? "0" : ""
        return "\(microseconds / 1000).\(padding)\(fraction)"
    }
}
