import Locking
import Storage

/// Answers read from the database, each kept with the database's change version it was
/// read at and given out only while that version is still current. Any commit, by this
/// server or another process, moves the version, so an entry never outlives the data it
/// came from; a cache costs one lock and one dictionary lookup instead of a transaction.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let version: UInt64
        let value: Value
    }

    /// How many answers are kept; when full, the cache starts again empty, which after a
    /// change drops the stale entries along with the rest.
    let capacity: Int

    private let database: Database
    private let ignoredTables: Set<String>
    private let entries = Locked<[Key: Entry]>([:])

    /// An empty cache of answers read from `database`. Commits of this server that
    /// changed rows of `ignoredTables` only leave the answers valid: the answers must not
    /// depend on those tables.
    init(database: Database, ignoringWritesTo ignoredTables: Set<String> = [], capacity: Int = 4096)
    {
        precondition(capacity > 0, "A cache needs room for at least one entry")
        self.database = database
        self.ignoredTables = ignoredTables
        self.capacity = capacity
    }

    /// The answer for `key`: the kept one while the database is unchanged since it was
    /// read, otherwise what `load` reads now, which is then kept. The version is taken
    /// before `load` runs, so a change committed meanwhile makes the next call read again.
    /// Errors are passed on and never kept.
    func value(for key: Key, load: () throws -> Value) throws -> Value {
        guard let version = database.changeVersion(ignoringWritesConfinedTo: ignoredTables)
        else { return try load() }

        let kept = entries.withLock { entries -> Value? in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.value
        }
        if let kept { return kept }

        let value = try load()
        entries.withLock { entries in
            if entries.count >= capacity && entries[key] == nil {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = Entry(version: version, value: value)
        }
        return value
    }
}
