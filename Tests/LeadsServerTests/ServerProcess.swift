import Foundation
import Locking

/// The built `leads-server` binary, run as a child process with captured output.
/// The process handle is used only from the test that started it; the readability
/// handler touches nothing but the mutex-guarded output buffer.
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

    private let process: Process
    private let errorOutput = Locked<[UInt8]>([])

    private init(arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = Self.executableURL
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("LEADS_SERVER_")
        }
        merged.merge(environment) { _, new in new }
        process.environment = merged
        process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
    }

    /// Runs to completion and returns the output and exit status.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws
        -> Result
    {
        let server = try ServerProcess(arguments: arguments, environment: environment)
        let output = Pipe()
        let errors = Pipe()
        server.process.standardOutput = output
        server.process.standardError = errors
        try server.process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        server.process.waitUntilExit()
        return Result(
            status: server.process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// Starts a long-running server; stderr is collected in the background.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws
        -> ServerProcess
    {
        let server = try ServerProcess(arguments: arguments, environment: environment)
        let errors = Pipe()
        server.process.standardError = errors
        server.process.standardOutput = FileHandle.nullDevice
        // Weakly, and dropped at the end of the output: the pipe belongs to the process,
        // which belongs to the server, so a strong capture would keep all three alive.
        errors.fileHandleForReading.readabilityHandler = { [weak server] handle in
            let data = handle.availableData
            guard !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            server?.errorOutput.withLock { $0.append(contentsOf: data) }
        }
        try server.process.run()
        return server
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
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw ServerProcessError(message: "no listening line; stderr: \(standardError)")
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        usleep(50_000)
        return process.terminationStatus
    }
}

/// The server did not start as expected.
struct ServerProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension ServerProcess {
    /// The process id, for sending signals and reading `/proc/<pid>`.
    var pid: Int32 {
        process.processIdentifier
    }

    /// Sends `signal` (SIGKILL to simulate a crash), waits for the process to end and
    /// stops collecting its output, returning the signal or exit status it ended with.
    func kill(signal: Int32) -> Int32 {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, signal)
        }
        process.waitUntilExit()
        if let errors = process.standardError as? Pipe {
            errors.fileHandleForReading.readabilityHandler = nil
        }
        return process.terminationStatus
    }

    /// Whether the process ended by a signal rather than by exiting.
    var wasKilledBySignal: Bool {
        process.terminationReason == .uncaughtSignal
    }
}
