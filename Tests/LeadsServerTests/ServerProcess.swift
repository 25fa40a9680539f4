import Foundation
import Locking

/// The built `leads-server` binary, run as a child process with captured output.
/// The output buffers and the exit status are locked; the rest is set once at spawn.
final class ServerProcess: @unchecked Sendable {
    /// What a finished run printed and how it exited.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The executable SwiftPM built next to the test bundle.
    static var executableURL: URL {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let bytes = buffer[0..<max(length, 0)].map { UInt8(bitPattern: $0) }
        let testBinary = URL(fileURLWithPath: String(decoding: bytes, as: UTF8.self))
        var directory = testBinary.deletingLastPathComponent()
        while !directory.path.hasSuffix("debug") && !directory.path.hasSuffix("release")
            && directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("leads-server")
    }

    /// The child's process id, for sending signals and reading `/proc/<pid>`.
    let pid: pid_t
    private let standardOutputBytes = Locked<[UInt8]>([])
    private let errorOutput = Locked<[UInt8]>([])
    /// The raw status `waitpid` reported, once the child has ended.
    private let waitStatus = Locked<Int32?>(nil)
    private let outputDrained = DispatchGroup()

    /// Spawns the binary with `posix_spawn`, its standard output and error on pipes that
    /// threads drain into memory. Foundation's `Process` is not used: before it starts a
    /// child it walks `/proc/self/fd` with a read past its buffer, which the address
    /// sanitizer stops whenever the test process has a thousand sockets open.
    private init(arguments: [String], environment: [String: String]) throws {
        var merged = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("LEADS_SERVER_")
        }
        merged.merge(environment) { _, new in new }

        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
            throw ServerProcessError(message: "pipe failed: errno \(errno)")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        try SpawnActions.changeDirectory(&actions, to: NSTemporaryDirectory())
        try SpawnActions.closeDescriptors(&actions, from: 3)

        let path = Self.executableURL.path
        let argumentStrings = [path] + arguments
        let environmentStrings = merged.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let status = Self.withCStrings(argumentStrings) { argv in
            Self.withCStrings(environmentStrings) { envp in
                posix_spawn(&child, path, &actions, nil, argv, envp)
            }
        }
        close(outputPipe[1])
        close(errorPipe[1])
        guard status == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw ServerProcessError(message: "posix_spawn \(path) failed: \(status)")
        }
        pid = child

        drain(outputPipe[0], into: standardOutputBytes)
        drain(errorPipe[0], into: errorOutput)
    }

    /// Runs to completion and returns the output and exit status.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws
        -> Result
    {
        let server = try ServerProcess(arguments: arguments, environment: environment)
        let status = server.waitUntilExit()
        server.outputDrained.wait()
        return Result(
            status: status,
            standardOutput: server.standardOutputBytes.withLock {
                String(decoding: $0, as: UTF8.self)
            },
            standardError: server.standardError
        )
    }

    /// Starts a long-running server; its output is collected in the background.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws
        -> ServerProcess
    {
        try ServerProcess(arguments: arguments, environment: environment)
    }

    /// Everything the server wrote to stderr so far.
    var standardError: String {
        errorOutput.withLock { String(decoding: $0, as: UTF8.self) }
    }

    /// Waits for the start-up line and returns the port it names.
    func waitForPort(timeout: Double = 30) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let range = standardError.range(of: "http.address=127.0.0.1:") {
                let digits = standardError[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            guard isRunning else { break }
            usleep(20_000)
        }
        throw ServerProcessError(message: "no listening line; stderr: \(standardError)")
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32 {
        if isRunning {
            Glibc.kill(pid, SIGTERM)
        }
        let status = waitUntilExit()
        usleep(50_000)
        return status
    }

    /// Whether the child has not ended yet.
    private var isRunning: Bool {
        if waitStatus.withLock({ $0 }) != nil { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        waitStatus.withLock { $0 = status }
        return false
    }

    /// Waits for the child to end; its exit status, or the signal that ended it.
    private func waitUntilExit() -> Int32 {
        if let status = waitStatus.withLock({ $0 }) {
            return Self.describe(status).value
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        waitStatus.withLock { $0 = status }
        return Self.describe(status).value
    }

    /// Reads `descriptor` to its end on a thread of its own, appending to `buffer`.
    private func drain(_ descriptor: Int32, into buffer: Locked<[UInt8]>) {
        DispatchQueue(label: "server-process.output").async(group: outputDrained) {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 65536) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                buffer.withLock { $0.append(contentsOf: chunk[0..<count]) }
            }
            close(descriptor)
        }
    }

    /// Splits a `waitpid` status into the exit code or the signal number.
    private static func describe(_ status: Int32) -> (value: Int32, bySignal: Bool) {
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, false) : (signal, true)
    }

    /// Calls `body` with a NULL-terminated array of C strings.
    private static func withCStrings<T>(
        _ strings: [String],
        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> T
    ) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

extension ServerProcess {
    /// Sends `signal` (SIGKILL to simulate a crash), waits for the process to end and
    /// for its output, returning the signal or exit status it ended with.
    func kill(signal: Int32) -> Int32 {
        if isRunning {
            Glibc.kill(pid, signal)
        }
        let status = waitUntilExit()
        outputDrained.wait()
        return status
    }

    /// Whether the process ended by a signal rather than by exiting.
    var wasKilledBySignal: Bool {
        guard let status = waitStatus.withLock({ $0 }) else { return false }
        return Self.describe(status).bySignal
    }
}

/// The glibc spawn actions that Swift's Glibc module does not declare, looked up by name.
private enum SpawnActions {
    private typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>)
        -> Int32
    private typealias CloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func changeDirectory(
        _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>,
        to path: String
    ) throws {
        let function = try lookUp("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self)
        guard function(actions, path) == 0 else {
            throw ServerProcessError(message: "cannot set the child's directory to \(path)")
        }
    }

    static func closeDescriptors(
        _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>,
        from lowest: Int32
    ) throws {
        let function = try lookUp("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self)
        guard function(actions, lowest) == 0 else {
            throw ServerProcessError(message: "cannot close the child's other descriptors")
        }
    }

    private static func lookUp<Function>(_ name: String, as type: Function.Type) throws
        -> Function
    {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            throw ServerProcessError(message: "\(name) is missing from this C library")
        }
        return unsafeBitCast(symbol, to: type)
    }
}

/// The server did not start as expected.
struct ServerProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
