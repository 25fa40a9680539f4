/// Why a test helper failed; each case names what to look at.
public enum TestSupportError: Error, CustomStringConvertible, Equatable {
    /// A socket call failed with `errno`.
    case socketFailed(call: String, errno: Int32)
    /// Nothing arrived within the client's receive timeout.
    case timedOut
    /// The server closed the connection before a whole response arrived.
    case closedByPeer(receivedBytes: Int)
    /// The bytes received are not an HTTP/1.x response.
    case malformedResponse(String)
    /// A temporary directory could not be created.
    case temporaryDirectoryFailed(errno: Int32)

    /// A sentence for the test failure output.
    public var description: String {
        switch self {
        case .socketFailed(let call, let code): "\(call) failed with errno \(code)"
        case .timedOut: "timed out waiting for the server"
        case .closedByPeer(let count): "connection closed by the server after \(count) bytes"
        case .malformedResponse(let reason): "malformed response: \(reason)"
        case .temporaryDirectoryFailed(let code): "mkdtemp failed with errno \(code)"
        }
    }
}
