import Dispatch
import Locking

/// Lets one password check run at a time for each pair of credentials: when many requests
/// arrive at once with the same pair that nobody has verified yet (a page that fires a
/// dozen calls just after the server started), the first runs PBKDF2 and the others wait
/// for its verdict instead of each spending half a second of a processor on the same
/// answer.
final class VerificationFlights: Sendable {
    private let flights = Locked<[[UInt8]: DispatchGroup]>([:])

    /// Runs `verify` for the pair behind `fingerprint` unless another thread is verifying
    /// it already; then waits for that one to finish and returns nil, so the caller looks
    /// again at what was remembered. Returns what `verify` returned when it ran.
    func verify<Result>(_ fingerprint: [UInt8], _ verify: () -> Result) -> Result? {
        let (group, leads) = flights.withLock { flights -> (DispatchGroup, Bool) in
            if let running = flights[fingerprint] { return (running, false) }
            let group = DispatchGroup()
            group.enter()
            flights[fingerprint] = group
            return (group, true)
        }
        guard leads else {
            group.wait()
            return nil
        }

        defer {
            _ = flights.withLock { $0.removeValue(forKey: fingerprint) }
            group.leave()
        }
        return verify()
    }
}
