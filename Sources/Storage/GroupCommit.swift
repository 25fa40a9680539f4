import Dispatch
import Locking

/// One caller's write, waiting for its turn on the writer.
///
/// `@unchecked Sendable` invariant: `body` is called and dropped only by the one thread
/// leading the batch the job is in, while its caller waits; every other field is locked.
final class WriteJob: @unchecked Sendable {
    /// What became of the job; set once by the thread that ran it.
    enum Outcome {
        case waiting
        case committed
        case failed(any Error)
        /// Not run yet: the caller is to lead the next batch itself.
        case leadNextBatch
    }

    /// The caller's closure, dropped as soon as the batch is done with it: the caller lends
    /// it only for the length of its own `write` call.
    private var body: ((Connection) throws -> Void)?
    /// The tables the caller promised to change rows of, nil for any.
    let confinedTo: Set<String>?
    private let outcome = Locked(Outcome.waiting)
    private let settled = DispatchSemaphore(value: 0)

    init(confinedTo tables: Set<String>?, body: @escaping (Connection) throws -> Void) {
        confinedTo = tables
        self.body = body
    }

    /// Runs the caller's closure; on the leading thread only.
    func run(on connection: Connection) throws {
        try body?(connection)
    }

    /// Lets go of the caller's closure; on the leading thread only, before `settle`.
    func dropBody() {
        body = nil
    }

    /// Records the outcome and wakes the caller.
    func settle(_ result: Outcome) {
        outcome.withLock { $0 = result }
        settled.signal()
    }

    /// Waits until the job is settled and returns how.
    func wait() -> Outcome {
        settled.wait()
        return outcome.withLock { $0 }
    }
}

/// Runs concurrent writes together: the first caller to find the writer free leads, and
/// runs every write that is waiting by then in one transaction, each inside a savepoint of
/// its own, with one commit for all of them. Callers who arrived while a batch ran wait
/// for it, and the first of them leads the next batch.
///
/// Each write still sees the effects of the writes before it and none of those after it,
/// and fails or succeeds on its own, exactly as if it had its own transaction; nothing is
/// acknowledged before the commit that makes it durable. What is shared is the cost of
/// beginning, committing and writing the log, which dominates a small write.
final class GroupCommit: Sendable {
    private struct State {
        var waiting: [WriteJob] = []
        var isLeading = false
    }

    private let state = Locked(State())

    /// Runs `job` in the next batch and returns once it is settled. `runBatch` is called on
    /// the leading thread with the jobs of a batch and must settle none of them; it
    /// returns each job's outcome, in order.
    func run(_ job: WriteJob, runBatch: ([WriteJob]) -> [WriteJob.Outcome]) -> WriteJob.Outcome {
        let leadsNow = state.withLock { state in
            state.waiting.append(job)
            guard !state.isLeading else { return false }
            state.isLeading = true
            return true
        }
        if !leadsNow {
            let outcome = job.wait()
            guard case .leadNextBatch = outcome else { return outcome }
        }

        let batch = state.withLock { state in
            defer { state.waiting.removeAll(keepingCapacity: true) }
            return state.waiting
        }
        let outcomes = runBatch(batch)
        for member in batch {
            member.dropBody()
        }
        let nextLeader = state.withLock { state -> WriteJob? in
            if let first = state.waiting.first { return first }
            state.isLeading = false
            return nil
        }

        var own = WriteJob.Outcome.committed
        for (member, outcome) in zip(batch, outcomes) {
            if member === job {
                own = outcome
            } else {
                member.settle(outcome)
            }
        }
        nextLeader?.settle(.leadNextBatch)
        return own
    }
}
