import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// The check a connection with stalled output runs to learn that its client is gone.
@Suite struct ConnectionFailureTests {
    @Test func aLiveConnectionHasNoFailure() throws {
        let (server, client) = try Self.connectedPair()
        defer {
            close(server)
            close(client)
        }

        #expect(SystemCall.connectionFailure(server) == nil)
    }

    @Test func aResetByTheClientIsReportedWithItsError() throws {
        let (server, client) = try Self.connectedPair()
        defer { close(server) }

        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        close(client)

        #expect(eventually { SystemCall.connectionFailure(server) == ECONNRESET })
    }

    /// An accepted socket and the client socket connected to it, over the loopback.
    private static func connectedPair() throws -> (server: Int32, client: Int32) {
        let (listener, port) = try ListeningSocket.open(host: "127.0.0.1", port: 0)
        defer { close(listener) }

        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)

        // The listening socket is non-blocking: wait for the connection to be queued.
        var server: Int32 = -1
        for _ in 0..<1000 where server < 0 {
            server = accept(listener, nil, nil)
            if server < 0 { usleep(1000) }
        }
        #expect(server >= 0)
        return (server, client)
    }
}
