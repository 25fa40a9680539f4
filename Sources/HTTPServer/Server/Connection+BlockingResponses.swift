@preconcurrency import Dispatch

extension Connection {
    /// Answers a request whose responder may block on a thread of its own, leaving the
    /// loop free for its other connections. Reading pauses as it does for a delayed
    /// response, so requests pipelined behind this one wait their turn, and the response
    /// comes back to the loop's thread to be sent.
    func answerElsewhere(_ request: HTTPRequest, keepAlive: Bool, startedAt started: UInt64) {
        isAwaitingResponse = true
        suspendReading()

        let responder = context.responder
        let loop = self.loop
        // A serial queue of its own runs on Dispatch's overcommit pool, which grows with
        // the number of blocked callers, where the global queues would stop at a few.
        DispatchQueue(label: "leads.http.responder").async { [self] in
            let response = responder.respond(to: request)
            loop.execute { [self] in
                receive(response, answering: request, keepAlive: keepAlive, startedAt: started)
            }
        }
    }

    /// Takes the response made on another thread and carries on as if it had been made
    /// here; a connection closed meanwhile drops it.
    private func receive(
        _ response: HTTPResponse,
        answering request: HTTPRequest,
        keepAlive: Bool,
        startedAt started: UInt64
    ) {
        isAwaitingResponse = false
        guard state == .open else { return }

        lastActivity = DispatchTime.now().uptimeNanoseconds
        deliver(response, answering: request, keepAlive: keepAlive, startedAt: started)
        if state == .open && outputOffset == output.count && delayedResponse == nil {
            resumeReading()
            serveRequests()
        }
        refreshTimer()
    }
}
