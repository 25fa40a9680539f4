import CEpoll
@preconcurrency import Dispatch
import Log
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One client connection: reads requests, runs the responder, writes responses in order.
///
/// Thread safety: every mutable property is read and written only on the thread of
/// `loop`. Readiness events and due deadlines are delivered there, `start()` runs there,
/// and other threads reach a connection only through `loop.execute`; a request whose
/// answer may block is answered on another thread, which hands the response back the same
/// way. That invariant is what makes `@unchecked Sendable` sound.
final class Connection: @unchecked Sendable {
    /// Where the lifecycle of the connection stands.
    enum State {
        /// Reading requests and writing responses.
        case open
        /// The last response is sent and our side is shut down; reading and discarding
        /// until the client closes, so unread input does not turn our close into a reset
        /// that destroys the response before the client reads it.
        case lingering
        /// No longer watched by the loop, and the descriptor is closed.
        case closed
    }

    /// How long a closing connection waits for the client to close its side.
    static let lingerNanoseconds: UInt64 = 2_000_000_000

    let loop: EventLoop
    let descriptor: Int32
    let remoteAddress: String
    let context: ServerContext
    var logger: Logger { context.logger }

    var state = State.open
    var parser: RequestParser
    /// The connection's key in its loop, set when registered.
    var loopToken: UInt64 = 0
    /// The readiness the loop watches for now.
    var registeredInterest = EventLoop.Interest.none
    var isReadSuspended = false
    /// Output is waiting for the socket to become writable.
    var isWaitingToWrite = false

    /// Response bytes not yet accepted by the kernel, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0
    /// Close once `output` is sent.
    var closesAfterOutput = false
    /// A response waiting for its delay to pass; nothing else is read or served meanwhile.
    var delayedResponse: DelayedResponse?
    /// A request is being answered on another thread; nothing else is read or served
    /// meanwhile.
    var isAwaitingResponse = false
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
    /// The deadline the loop will wake this connection for, or `UInt64.max` for none.
    var scheduledDeadline = UInt64.max

    var date = HTTPDate()
    var requestIdentifiers = RequestIdentifier()

    init(descriptor: Int32, remoteAddress: String, context: ServerContext, loop: EventLoop) {
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        self.context = context
        self.loop = loop
        self.parser = RequestParser(
            maxHeaderSize: context.configuration.maxHeaderSize,
            maxBodySize: context.configuration.maxBodySize,
            bodySizeLimits: context.configuration.bodySizeLimits
        )
        self.connectedAt = DispatchTime.now().uptimeNanoseconds
        self.lastActivity = connectedAt
    }

    /// Registers with the loop and sets the first deadline; called once, on the loop's
    /// thread, before anything else.
    func start() {
        assert(loop.isCurrent)

        loop.register(self)
        let deadline = self.deadline().time
        scheduledDeadline = deadline
        loop.schedule(deadline)
    }

    /// What the loop should watch the descriptor for in the current state.
    var interest: EventLoop.Interest {
        guard state != .closed else { return .none }
        return EventLoop.Interest(reading: !isReadSuspended, writing: isWaitingToWrite)
    }

    /// Acts on the readiness epoll reported. Errors and hang-ups are reported whether
    /// watched for or not; when neither reading nor writing would notice them, the
    /// connection is over and closes here, or the loop would be woken for it forever.
    func handleEvents(_ events: UInt32) {
        let failed = events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
        let readable = events & EPOLLIN.rawValue != 0 || failed
        let writable = events & EPOLLOUT.rawValue != 0 || failed

        var handled = false
        if readable && !isReadSuspended {
            handled = true
            handleReadable()
        }
        if writable && isWaitingToWrite && state == .open {
            handled = true
            handleWritable()
        }
        if failed && !handled && state != .closed {
            logDisconnect(call: "poll", errno: SystemCall.connectionFailure(descriptor) ?? EPIPE)
            terminate()
        }
    }

    /// Reads what is available, then serves every complete request.
    func handleReadable() {
        guard state != .closed else { return }

        var received = false
        var ended = false
        var failure: Int32?
        withUnsafeTemporaryAllocation(byteCount: 65536, alignment: 16) { buffer in
            // A few reads per event, so one fast sender cannot monopolise the loop; epoll
            // reports the descriptor again while data remains.
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
            && delayedResponse == nil && !isAwaitingResponse
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
    /// timer when the response asks for a delay. A request the responder says may block
    /// is answered on another thread, so the loop's other connections carry on.
    func serve(_ request: HTTPRequest, keepAlive: Bool) {
        let started = DispatchTime.now().uptimeNanoseconds
        headStartedAt = nil
        requestsServed += 1

        var request = request
        request.remoteAddress = remoteAddress
        request.requestID = requestIdentifiers.resolve(incoming: request.headers["X-Request-Id"])
        if context.responder.mayBlock(request) {
            answerElsewhere(request, keepAlive: keepAlive, startedAt: started)
            return
        }
        let response = context.responder.respond(to: request)
        deliver(response, answering: request, keepAlive: keepAlive, startedAt: started)
    }

    /// Sends a response now, or holds it back when it asks for a delay.
    func deliver(
        _ response: HTTPResponse,
        answering request: HTTPRequest,
        keepAlive: Bool,
        startedAt started: UInt64
    ) {
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

    /// Called on the loop's thread when the server shuts down: an idle connection closes
    /// now, a busy one after sending the response it is working on.
    func serverIsShuttingDown() {
        guard state == .open else { return }

        if parser.phase == .idle && outputOffset == output.count && delayedResponse == nil
            && !isAwaitingResponse
        {
            terminate()
        }
    }

    /// Stops watching the descriptor and closes it. Both happen on the loop's thread
    /// between two waits, so no event for a reused descriptor number can reach this
    /// connection.
    func terminate() {
        guard state != .closed else { return }

        state = .closed
        loop.deregister(self)
        close(descriptor)
        output = []
        delayedResponse = nil
        scheduledDeadline = UInt64.max
        context.unregister(self)
        logger.trace("Connection closed", metadata: ["client.address": remoteAddress])
    }

    func suspendReading() {
        guard !isReadSuspended else { return }
        isReadSuspended = true
        loop.updateInterest(of: self)
    }

    func resumeReading() {
        guard isReadSuspended, !inputEnded || state == .lingering else { return }
        isReadSuspended = false
        loop.updateInterest(of: self)
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
