import Dispatch
import Foundation
import Log

/// Blocks the main thread until SIGTERM or SIGINT arrives.
///
/// Dispatch's signal sources read the signals through a signalfd on their own queue, so
/// they are created here, inside a type and off the main actor, as the Linux overlay
/// requires; the default actions are turned off first so the process is not killed.
final class ShutdownSignalWaiter: @unchecked Sendable {
    // The sources are created in init and only cancelled by the process exit; `received`
    // is written once on the signal queue before the semaphore is signalled.
    private let queue = DispatchQueue(label: "leads-server.signals")
    private let semaphore = DispatchSemaphore(value: 0)
    private var sources: [any DispatchSourceSignal] = []
    private var received = ""

    /// Starts listening for SIGTERM and SIGINT.
    init() {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                guard received.isEmpty else { return }
                received = name
                semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits for the first signal and returns its name.
    func wait() -> String {
        semaphore.wait()
        return queue.sync { received }
    }
}

/// Lets the server hold as many connections as the system allows.
enum FileDescriptorLimit {
    /// Raises the soft limit on open descriptors to the hard limit.
    static func raiseToMaximum(logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        guard limit.rlim_cur < limit.rlim_max else { return }

        limit.rlim_cur = limit.rlim_max
        if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) != 0 {
            logger.warning("Could not raise the open file limit")
        }
    }
}
