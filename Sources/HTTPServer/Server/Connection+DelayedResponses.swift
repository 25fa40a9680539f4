@preconcurrency import Dispatch

extension Connection {
    /// A response held back until `sendAt` (uptime nanoseconds), with what sending and
    /// logging it then needs.
    struct DelayedResponse {
        var request: HTTPRequest
        var response: HTTPResponse
        var keepAlive: Bool
        /// When the request was handed to the responder, so the access line counts the
        /// delay in the request's duration.
        var startedAt: UInt64
        var sendAt: UInt64
    }

    /// Parks a response until its delay passes. Reading pauses as it does while a
    /// response waits for the client, so pipelined requests stay unread and unanswered
    /// until this one is out, and the connection's timer, not a thread, does the waiting.
    func hold(_ delayed: DelayedResponse) {
        delayedResponse = delayed
        suspendReading()
        refreshTimer()
    }

    /// Sends the held response once its time has come, then goes back to reading and
    /// serving the requests behind it.
    func sendDelayedResponse() {
        guard state == .open, let delayed = delayedResponse else { return }

        delayedResponse = nil
        lastActivity = DispatchTime.now().uptimeNanoseconds
        write(
            delayed.response,
            answering: delayed.request,
            keepAlive: delayed.keepAlive,
            startedAt: delayed.startedAt
        )
        if state == .open && outputOffset == output.count {
            resumeReading()
            serveRequests()
        }
        refreshTimer()
    }
}
