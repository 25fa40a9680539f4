import CSQLite
import Glibc
import Synchronization

/// A number that moves whenever the database changes, whoever changed it, cheap enough to
/// read on every request: the key to caches that must never serve stale data.
///
/// Two counters make it up. This process counts its own commits. Every connection of every
/// process also bumps the change counter in the header of SQLite's write-ahead-log index
/// (`iChange` in the `-shm` file, documented in SQLite's "WAL-mode file format"), which is
/// read straight from a read-only shared mapping of that file, without a lock or a system
/// call. An in-memory database has no other connection, so its own count is enough.
///
/// `@unchecked Sendable` invariant: the mapping is made in `init` and unmapped in `deinit`,
/// when nothing can read it any more; in between it is only read, through an atomic load.
final class DataVersion: @unchecked Sendable {
    /// Where `iChange` sits in the first copy of the wal-index header.
    private static let changeCounterOffset = 8
    /// The bytes mapped: the whole first header copy.
    private static let mappedLength = 48

    private let ownCommits = Atomic<UInt64>(0)
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
    }

    /// The current version, or nil when changes by other processes cannot be seen and
    /// nothing may be cached.
    var current: UInt64? {
        guard isKnown else { return nil }

        let own = ownCommits.load(ordering: .acquiring)
        guard let mapping else { return own }
        let shared = leads_load_shared_counter(mapping + DataVersion.changeCounterOffset)
        return own << 32 | UInt64(shared)
    }

    /// Records a commit made by this process.
    func noteCommit() {
        ownCommits.add(1, ordering: .releasing)
    }

    deinit {
        if let mapping {
            munmap(mapping, DataVersion.mappedLength)
        }
    }
}
