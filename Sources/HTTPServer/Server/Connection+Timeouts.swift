@preconcurrency import Dispatch
import Log

extension Connection {
    /// What to do when a deadline passes.
    enum TimeoutAction {
        /// Nothing of a request is pending: close without a word.
        case closeSilently
        /// A request is partly received: answer 408 and close.
        case answerRequestTimeout
        /// Sending or lingering took too long: close at once.
        case closeNow
        /// A delayed response is due: send it.
        case sendDelayedResponse
        /// Sending is stalled: see whether the client is still there.
        case checkPeer
    }

    /// How often a connection whose output is stalled checks that its client is still
    /// connected: a reset normally arrives as an epoll error, and this check is the
    /// backstop that keeps a client that vanished mid-response from holding its
    /// connection until the idle timeout.
    static let peerCheckNanoseconds: UInt64 = 1_000_000_000

    /// The deadline (uptime nanoseconds) that applies in the current state.
    ///
    /// - A new connection must send its first complete head within the header timeout of
    ///   connecting (or the idle timeout, if shorter): the wait for the first byte and the
    ///   time the head takes to arrive share one timeout, so a client cannot double it by
    ///   waiting before it starts to trickle.
    /// - Between requests the idle timeout applies; once a later head starts arriving, the
    ///   whole head must arrive within the header timeout of its first byte.
    /// - While a body arrives, or while a response waits for the client to read, the idle
    ///   timeout applies to each stretch without progress; a stalled response also checks
    ///   every second that the client has not gone.
    /// - While the responder works on another thread there is no deadline, as there is
    ///   none while it works on the loop's.
    /// - While a response waits out its delay, the only deadline is the end of the delay.
    func deadline() -> (time: UInt64, action: TimeoutAction) {
        let configuration = context.configuration
        let idle = Connection.nanoseconds(configuration.idleTimeout)
        let header = Connection.nanoseconds(configuration.headerTimeout)

        if state == .lingering {
            return (lingerStartedAt &+ Connection.lingerNanoseconds, .closeNow)
        }
        if isAwaitingResponse {
            return (UInt64.max, .closeNow)
        }
        if let delayedResponse {
            return (delayedResponse.sendAt, .sendDelayedResponse)
        }
        if outputOffset < output.count {
            let closeAt = lastActivity &+ idle
            let checkAt = max(lastActivity, peerCheckedAt) &+ Connection.peerCheckNanoseconds
            return checkAt < closeAt ? (checkAt, .checkPeer) : (closeAt, .closeNow)
        }
        switch parser.phase {
        case .idle where requestsServed == 0:
            return (connectedAt &+ min(idle, header), .closeSilently)
        case .idle:
            return (lastActivity &+ idle, .closeSilently)
        case .head where requestsServed == 0:
            return (connectedAt &+ header, .answerRequestTimeout)
        case .head:
            return ((headStartedAt ?? lastActivity) &+ header, .answerRequestTimeout)
        case .body:
            return (lastActivity &+ idle, .answerRequestTimeout)
        }
    }

    /// Moves the deadline earlier when the current one is before the one set. Later
    /// deadlines are left alone: the connection checks again when the old one passes,
    /// which keeps this cheap on the path of ordinary requests.
    func refreshTimer() {
        guard state != .closed else { return }

        let next = deadline().time
        guard next < scheduledDeadline else { return }
        scheduledDeadline = next
        loop.schedule(next)
    }

    /// Called by the loop once `scheduledDeadline` has passed: acts on the deadline if it
    /// has really come, otherwise sets the later one.
    func handleTimer() {
        guard state != .closed else { return }

        let now = DispatchTime.now().uptimeNanoseconds
        let (time, action) = deadline()
        guard now >= time else {
            scheduledDeadline = time
            loop.schedule(time)
            return
        }

        scheduledDeadline = UInt64.max
        switch action {
        case .closeSilently, .closeNow:
            logger.debug("Connection timed out", metadata: ["client.address": remoteAddress])
            terminate()
        case .answerRequestTimeout:
            reject(.requestTimeout)
            if state != .closed { refreshTimer() }
        case .sendDelayedResponse:
            sendDelayedResponse()
        case .checkPeer:
            peerCheckedAt = now
            if let code = SystemCall.connectionFailure(descriptor) {
                logDisconnect(call: "send", errno: code)
                terminate()
            } else {
                refreshTimer()
            }
        }
    }

    /// Converts a duration to nanoseconds; negative durations are zero, absurd ones
    /// saturate like the configuration's seconds.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, seconds > 0 || attoseconds > 0 else { return 0 }
        guard seconds < 1_000_000_000 else { return UInt64.max / 2 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }

    /// Converts seconds from the configuration to nanoseconds, saturating absurd values.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        guard seconds < 1e9 else { return UInt64.max / 2 }
        return UInt64(seconds * 1_000_000_000)
    }
}
