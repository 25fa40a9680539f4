@preconcurrency import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

extension Connection {
    /// Sends as much of the output as the kernel takes. On `EAGAIN` it watches for
    /// writability and stops reading until the output drains; a vanished client ends the
    /// connection quietly.
    func flush() {
        guard state == .open else { return }

        while outputOffset < output.count {
            let result = output.withUnsafeBytes { bytes in
                SystemCall.run {
                    send(
                        descriptor,
                        bytes.baseAddress! + outputOffset,
                        bytes.count - outputOffset,
                        Int32(MSG_NOSIGNAL)
                    )
                }
            }
            switch result {
            case .done(let count):
                outputOffset += count
            case .wouldBlock:
                waitUntilWritable()
                return
            case .failed(let code):
                logDisconnect(call: "send", errno: code)
                terminate()
                return
            }
        }

        outputOffset = 0
        if output.capacity > 256 * 1024 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        if closesAfterOutput {
            beginClosing()
        }
    }

    /// Asks the loop to report when the socket takes more, and pauses reading.
    func waitUntilWritable() {
        lastActivity = DispatchTime.now().uptimeNanoseconds
        isWaitingToWrite = true
        isReadSuspended = true
        loop.updateInterest(of: self)
    }

    /// Continues sending; once drained, stops watching for writability and goes back to
    /// serving the requests that arrived meanwhile.
    func handleWritable() {
        guard state == .open else { return }

        lastActivity = DispatchTime.now().uptimeNanoseconds
        flush()
        guard state == .open, outputOffset == output.count else { return }

        isWaitingToWrite = false
        loop.updateInterest(of: self)
        resumeReading()
        serveRequests()
        refreshTimer()
    }
}
