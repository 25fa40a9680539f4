#if canImport(Glibc)
    import Glibc
#endif

/// The outcome of a non-blocking system call, with the two non-errors of such calls
/// (`EINTR` and `EAGAIN`) turned into values so callers cannot mistake them for failures.
enum SystemCallResult: Equatable {
    /// The call succeeded and returned this (bytes moved, or a new descriptor).
    case done(Int)
    /// The call would block; wait for the next readiness event.
    case wouldBlock
    /// The call failed with this `errno`.
    case failed(errno: Int32)
}

/// The one place where socket calls are retried on `EINTR` and `EAGAIN` is recognised.
enum SystemCall {
    /// Runs `call` until it is not interrupted, classifying its result.
    @inline(__always)
    static func run(_ call: () -> Int) -> SystemCallResult {
        while true {
            let result = call()
            if result >= 0 { return .done(result) }

            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno: code)
            }
        }
    }

    /// Whether an error only means the peer went away, which is an ordinary disconnect
    /// rather than something to report.
    static func isDisconnect(_ code: Int32) -> Bool {
        code == EPIPE || code == ECONNRESET || code == ENOTCONN || code == ETIMEDOUT
    }

    /// The system's description of an `errno` value, for logs.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The error that ended a socket's connection (`ECONNRESET`, `EPIPE`, ...), or nil
    /// while it is still usable. Asks `poll` without waiting, so it costs one system call
    /// and consumes nothing the client sent.
    static func connectionFailure(_ descriptor: Int32) -> Int32? {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&entry, 1, 0) == 1,
            entry.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0
        else { return nil }

        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
        return code != 0 ? code : EPIPE
    }

    /// Puts a descriptor in non-blocking mode.
    static func makeNonBlocking(_ descriptor: Int32) -> Bool {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0 else { return false }
        return fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0
    }

    /// Sets an integer socket option, ignoring failure for options that are only tuning.
    @discardableResult
    static func setOption(_ descriptor: Int32, level: Int32, name: Int32, value: Int32) -> Bool {
        var value = value
        return setsockopt(
            descriptor,
            level,
            name,
            &value,
            socklen_t(MemoryLayout<Int32>.size)
        ) == 0
    }
}
