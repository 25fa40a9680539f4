import CSQLite
import Glibc
import Locking

/// Numbers that move whenever the database changes, whoever changed it, cheap enough to
/// read on every request: the key to caches that must never serve stale data.
///
/// Two sources feed them. This process counts its own commits, and for a commit whose
/// every change it saw (see `Database.write(touchingOnly:_:)`) it remembers which tables
/// it was confined to, so a cache of people can ignore commits that only touched leads.
/// Every connection of every process also bumps the change counter in the header of
/// SQLite's write-ahead-log index (`iChange` in the `-shm` file, documented in SQLite's
/// "WAL-mode file format"), read straight from a read-only shared mapping of that file.
/// When that counter moves and this process did not move it, another process committed
/// something unknown, and every version moves.
///
/// Telling the two apart needs no guessing: while this process holds the write lock, from
/// `BEGIN IMMEDIATE` to `COMMIT`, no other process can commit, so the counter read just
/// after `BEGIN` is where this process's commit starts from.
///
/// `@unchecked Sendable` invariant: the mapping is made in `init` and unmapped in `deinit`,
/// when nothing can read it any more; in between it is only read, through an atomic load.
/// Everything else is locked.
final class DataVersion: @unchecked Sendable {
    private struct State {
        /// The shared counter as this process last accounted for it.
        var sharedCounter: UInt32 = 0
        /// A batch of this process is between `BEGIN IMMEDIATE` and its bookkeeping.
        var isCommitting = false
        var externalChanges: UInt64 = 0
        /// Own commits that may have touched any table.
        var unconfinedCommits: UInt64 = 0
        /// Own commits known to have touched only these tables, by table set.
        var confinedCommits: [Set<String>: UInt64] = [:]
    }

    /// Where `iChange` sits in the first copy of the wal-index header.
    private static let changeCounterOffset = 8
    /// The bytes mapped: the whole first header copy.
    private static let mappedLength = 48

    private let state = Locked(State())
    private let mapping: UnsafeMutableRawPointer?
    private let isKnown: Bool

    /// For a database whose every writer is in this process (in-memory).
    init() {
        mapping = nil
        isKnown = true
    }

    /// For the WAL-mode database file at `databasePath`, whose `-shm` file exists once a
    /// connection has read it. Without a usable `-shm` file the version is unknown.
    init(walIndexOf databasePath: String) {
        let descriptor = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            mapping = nil
            isKnown = false
            return
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= DataVersion.mappedLength,
            let mapped = mmap(nil, DataVersion.mappedLength, PROT_READ, MAP_SHARED, descriptor, 0),
            mapped != MAP_FAILED
        else {
            mapping = nil
            isKnown = false
            return
        }
        mapping = mapped
        isKnown = true
        let counter = leads_load_shared_counter(mapped + DataVersion.changeCounterOffset)
        state.withLock { $0.sharedCounter = counter }
    }

    deinit {
        if let mapping {
            munmap(mapping, DataVersion.mappedLength)
        }
    }

    /// A version that moves with every commit, except this process's commits that touched
    /// nothing but tables in `ignored`; nil when it cannot be known now (other processes'
    /// changes cannot be observed, or this process is in the middle of committing), in
    /// which case nothing read may be cached.
    func version(ignoringWritesConfinedTo ignored: Set<String>) -> UInt64? {
        guard isKnown else { return nil }

        let shared = sharedCounter()
        return state.withLock { state -> UInt64? in
            if let shared, shared != state.sharedCounter {
                // Moved by this process's commit in progress, or by someone else.
                guard !state.isCommitting else { return nil }
                state.externalChanges += 1
                state.sharedCounter = shared
            }
            var own = state.unconfinedCommits
            for (tables, count) in state.confinedCommits where !tables.isSubset(of: ignored) {
                own += count
            }
            return state.externalChanges << 40 ^ own
        }
    }

    /// Called with the write lock just taken (after `BEGIN IMMEDIATE`).
    func batchBegan() {
        let shared = sharedCounter()
        state.withLock { state in
            if let shared, shared != state.sharedCounter {
                state.externalChanges += 1
                state.sharedCounter = shared
            }
            state.isCommitting = true
        }
    }

    /// Called after the batch's `COMMIT` or rollback, with the write lock given up: one
    /// entry per committed write, its table set when it is known to have touched only
    /// those tables, nil when it may have touched any; and whether the commit wrote a
    /// commit frame, which moves the shared counter by one. Any other move of the counter
    /// is someone else's and shows as an external change on the next read.
    func batchEnded(committed writes: [Set<String>?], movedSharedCounter: Bool = false) {
        state.withLock { state in
            state.isCommitting = false
            if movedSharedCounter {
                state.sharedCounter &+= 1
            }
            for tables in writes {
                if let tables {
                    state.confinedCommits[tables, default: 0] += 1
                } else {
                    state.unconfinedCommits += 1
                }
            }
        }
    }

    /// Records a change to the whole database made without a batch (a restore).
    func noteUnconfinedChange() {
        state.withLock { $0.unconfinedCommits += 1 }
    }

    private func sharedCounter() -> UInt32? {
        mapping.map { leads_load_shared_counter($0 + DataVersion.changeCounterOffset) }
    }
}
