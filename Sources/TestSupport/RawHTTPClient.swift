#if canImport(Glibc)
    import Glibc
#endif

/// A blocking HTTP/1.1 client on a plain socket, for tests that need to see and send exact
/// bytes: pipelining, partial requests, bad framing, connections left open or cut short.
///
/// Every read waits at most `timeout` seconds, so a server that never answers fails the
/// test instead of hanging it. Not thread-safe: use one client from one test.
public final class RawHTTPClient {
    private var descriptor: Int32
    private var received: [UInt8] = []
    /// Seconds each read waits before failing with `TestSupportError.timedOut`.
    public let timeout: Double

    /// Connects to `host:port` (IPv4).
    public init(port: Int, host: String = "127.0.0.1", timeout: Double = 10) throws {
        self.timeout = timeout
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw TestSupportError.socketFailed(call: "socket", errno: errno)
        }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw TestSupportError.socketFailed(call: "connect", errno: code)
        }

        var noDelay: Int32 = 1
        setsockopt(
            descriptor,
            Int32(IPPROTO_TCP),
            TCP_NODELAY,
            &noDelay,
            socklen_t(MemoryLayout<Int32>.size)
        )
        var interval = timeval(
            tv_sec: Int(timeout),
            tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000)
        )
        setsockopt(
            descriptor,
            SOL_SOCKET,
            SO_RCVTIMEO,
            &interval,
            socklen_t(MemoryLayout<timeval>.size)
        )
    }

    deinit {
        close()
    }

    /// Sends every byte, blocking until the kernel took them all.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(
                    descriptor,
                    buffer.baseAddress! + offset,
                    buffer.count - offset,
                    Int32(MSG_NOSIGNAL)
                )
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw TestSupportError.socketFailed(call: "send", errno: errno)
            }
            offset += sent
        }
    }

    /// Sends text as UTF-8; write `\r\n` line endings yourself.
    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends one request with `Content-Length` (and `Host` unless given) and reads its
    /// response; a HEAD request's response is read without a body.
    public func request(
        method: String = "GET",
        path: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws -> ClientResponse {
        var head = "\(method) \(path) HTTP/1.1\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }) {
            head += "Host: localhost\r\n"
        }
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        try send(Array(head.utf8) + body)
        return try readResponse(headOnly: method == "HEAD")
    }

    /// Reads one response. A `100 Continue` interim response is returned on its own; call
    /// again for the final one. With `headOnly` the body is not read (for HEAD requests,
    /// whose `Content-Length` describes a body that is not sent).
    public func readResponse(headOnly: Bool = false) throws -> ClientResponse {
        let headEnd = try readUntilHeadEnd()
        let headBytes = Array(received[..<headEnd])
        received.removeFirst(headEnd + 4)

        let lines = Self.splitLines(headBytes)
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"),
            let status = Int(statusParts[1])
        else {
            throw TestSupportError.malformedResponse("status line \(lines[0])")
        }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                throw TestSupportError.malformedResponse("header line \(line)")
            }
            let value = Self.trimmed(line[line.index(after: colon)...])
            headers.append((String(line[..<colon]), value))
        }
        var response = ClientResponse(
            status: status,
            reason: statusParts.count > 2 ? String(statusParts[2]) : "",
            version: String(statusParts[0]),
            headers: headers,
            body: []
        )

        if headOnly || (100..<200).contains(status) || status == 204 || status == 304 {
            return response
        }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            response.body = try readChunkedBody()
        } else if let lengthText = response.header("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else {
                throw TestSupportError.malformedResponse("Content-Length \(lengthText)")
            }
            response.body = try readExactly(length)
        } else {
            response.body = try readUntilClose()
        }
        return response
    }

    /// Reads everything until the server closes the connection, including bytes already
    /// buffered.
    public func readUntilClose() throws -> [UInt8] {
        while try fill() {}
        defer { received.removeAll() }
        return received
    }

    /// Whether the server closes the connection within `seconds`; bytes that arrive in the
    /// meantime are kept for later reads.
    public func isClosedByPeer(within seconds: Double) -> Bool {
        let deadline = Self.now() + seconds
        while true {
            let remaining = deadline - Self.now()
            guard remaining > 0 else { return false }

            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, remaining * 1000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }

            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count == 0 { return true }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return errno == ECONNRESET || errno == EPIPE
            }
            received.append(contentsOf: chunk[..<count])
        }
    }

    /// Closes the connection; safe to call more than once.
    public func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    /// Closes at once with a reset instead of an orderly shutdown, as a crashed client
    /// would, so the server meets `ECONNRESET` or `EPIPE`.
    public func reset() {
        guard descriptor >= 0 else { return }
        var linger = linger(l_onoff: 1, l_linger: 0)
        setsockopt(
            descriptor,
            SOL_SOCKET,
            SO_LINGER,
            &linger,
            socklen_t(MemoryLayout<linger>.size)
        )
        close()
    }

    /// Reads until the buffer holds a blank line, returning the offset of its `\r\n\r\n`.
    private func readUntilHeadEnd() throws -> Int {
        var searchFrom = 0
        while true {
            if received.count >= 4 {
                var index = searchFrom
                while index + 3 < received.count {
                    if received[index] == 13 && received[index + 1] == 10
                        && received[index + 2] == 13 && received[index + 3] == 10
                    {
                        return index
                    }
                    index += 1
                }
                searchFrom = max(0, received.count - 3)
            }
            guard try fill() else {
                throw TestSupportError.closedByPeer(receivedBytes: received.count)
            }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while received.count < count {
            guard try fill() else {
                throw TestSupportError.closedByPeer(receivedBytes: received.count)
            }
        }
        let bytes = Array(received[..<count])
        received.removeFirst(count)
        return bytes
    }

    private func readLine() throws -> String {
        while true {
            if let index = received.indices.dropLast().first(where: {
                received[$0] == 13 && received[$0 + 1] == 10
            }) {
                let line = String(decoding: received[..<index], as: UTF8.self)
                received.removeFirst(index + 2)
                return line
            }
            guard try fill() else {
                throw TestSupportError.closedByPeer(receivedBytes: received.count)
            }
        }
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try readLine()
            let sizeText = sizeLine.split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(Self.trimmed(sizeText[...]), radix: 16) else {
                throw TestSupportError.malformedResponse("chunk size \(sizeLine)")
            }
            if size == 0 {
                while try !readLine().isEmpty {}
                return body
            }
            body += try readExactly(size)
            guard try readLine().isEmpty else {
                throw TestSupportError.malformedResponse("chunk without CRLF")
            }
        }
    }

    /// Reads once into the buffer; false when the server closed the connection.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count > 0 {
                received.append(contentsOf: chunk[..<count])
                return true
            }
            if count == 0 { return false }
            switch errno {
            case EINTR: continue
            case EAGAIN: throw TestSupportError.timedOut
            case ECONNRESET: return false
            default: throw TestSupportError.socketFailed(call: "recv", errno: errno)
            }
        }
    }

    private static func splitLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(String(decoding: bytes[start...], as: UTF8.self))
        return lines
    }

    private static func trimmed(_ text: Substring) -> String {
        String(
            text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
                .reversed()
        )
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}

@available(*, unavailable)
extension RawHTTPClient: Sendable {}
