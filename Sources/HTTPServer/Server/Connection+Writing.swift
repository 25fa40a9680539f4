@preconcurrency import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

extension Connection {
    /// Sends as much of the output as the kernel takes. On `EAGAIN` it arms the write
    /// source and stops reading until the output drains; a vanished client ends the
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

    /// Arms the write source (made on first need) and pauses reading.
    func waitUntilWritable() {
        lastActivity = DispatchTime.now().uptimeNanoseconds
        suspendReading()
        if let writeSource {
            if isWriteSuspended {
                isWriteSuspended = false
                writeSource.resume()
            }
            return
        }

        let source = DispatchSource.makeWriteSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [self] in handleWritable() }
        source.setCancelHandler { [self] in sourceCancelled() }
        pendingCancellations += 1
        writeSource = source
        source.resume()
    }

    /// Continues sending; once drained, parks the write source and goes back to serving
    /// the requests that arrived meanwhile.
    func handleWritable() {
        guard state == .open else { return }

        lastActivity = DispatchTime.now().uptimeNanoseconds
        flush()
        guard state == .open, outputOffset == output.count else { return }

        if let writeSource, !isWriteSuspended {
            isWriteSuspended = true
            writeSource.suspend()
        }
        resumeReading()
        serveRequests()
        refreshTimer()
    }
}
