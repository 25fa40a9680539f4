#if canImport(Glibc)
    import Glibc
#endif

/// Creating the listening socket: non-blocking, `SO_REUSEADDR` so a restart does not wait
/// for old connections in TIME_WAIT, and a backlog large enough for bursts of thousands
/// of connections (the kernel caps it at `net.core.somaxconn`).
enum ListeningSocket {
    /// The `listen` backlog.
    static let backlog: Int32 = 4096

    /// Binds and listens, returning the descriptor and the port actually bound.
    static func open(host: String, port: Int) throws(HTTPServerError) -> (Int32, Int) {
        guard (0...65535).contains(port), var address = SocketAddress.ipv4(host: host, port: port)
        else {
            throw .invalidHost(host)
        }

        let descriptor = socket(
            AF_INET,
            Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            0
        )
        guard descriptor >= 0 else {
            throw .systemCallFailed(call: "socket", host: host, port: port, errno: errno)
        }

        func fail(_ call: String) -> HTTPServerError {
            let code = errno
            close(descriptor)
            return .systemCallFailed(call: call, host: host, port: port, errno: code)
        }

        SystemCall.setOption(descriptor, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw fail("bind") }
        guard listen(descriptor, backlog) == 0 else { throw fail("listen") }
        guard SystemCall.makeNonBlocking(descriptor) else { throw fail("fcntl") }

        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &boundAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        guard named == 0 else { throw fail("getsockname") }
        return (descriptor, Int(UInt16(bigEndian: boundAddress.sin_port)))
    }

    /// Raises the soft limit on open descriptors to the hard limit, since every connection
    /// holds one and the usual soft limit (1024) is below what the server should hold.
    /// Returns the new soft limit, or nil when it could not be read or changed.
    static func raiseOpenFileLimit() -> Int? {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return nil }
        guard limit.rlim_cur < limit.rlim_max else { return Int(limit.rlim_cur) }

        let wanted = min(limit.rlim_max, 1 << 20)
        guard wanted > limit.rlim_cur else { return Int(limit.rlim_cur) }
        limit.rlim_cur = wanted
        guard setrlimit(resource, &limit) == 0 else { return nil }
        return Int(wanted)
    }
}
