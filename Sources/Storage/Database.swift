import CSQLite
import Glibc
import Locking
public import Log

/// The application's SQLite database: one writer connection for every change and a small
/// pool of read-only connections, so reads run side by side and never wait for a write.
/// The database runs in write-ahead-log mode, in which readers see the last committed
/// state while a write transaction is open.
///
/// Every connection has a lock, and callers reach a connection only through `read` and
/// `write`, which run their closure on the calling thread while holding that lock. The
/// class is therefore safe to share between threads.
public final class Database: Sendable {
    /// The database file as configured, for logs and for building snapshot paths.
    public let path: String

    /// Where the storage layer reports lifecycle events such as migrations.
    let logger: Logger

    private let writer: GuardedConnection
    /// The read-only connections; `nil` for an in-memory database.
    private let readers: ReaderPool?
    private let version: DataVersion
    private let groupCommit = GroupCommit()
    private let isInMemory: Bool
    private let isClosed = Locked(false)

    /// Opens (and creates if needed) the database: the writer switches the file to
    /// write-ahead logging with `synchronous = NORMAL`, then a first reader opens
    /// read-only; more readers open as concurrent reads need them. An in-memory database
    /// has no readers; reads then run on the writer.
    public init(configuration: DatabaseConfiguration, logger: Logger) throws {
        path = configuration.path
        isInMemory = configuration.isInMemory
        self.logger = logger

        let writerConnection = try Connection(
            path: path,
            readOnly: false,
            busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds
        )
        if !isInMemory {
            let mode = try writerConnection.queryOne("PRAGMA journal_mode = WAL")?[0]
            guard mode == .text("wal") else {
                throw DatabaseError(
                    resultCode: .SQLITE_ERROR,
                    message: "Cannot switch \(path) to write-ahead logging"
                )
            }
        }
        try writerConnection.execute("PRAGMA synchronous = NORMAL")
        if isInMemory {
            version = DataVersion()
        } else {
            // A first read makes SQLite create and initialise the write-ahead-log index.
            _ = try writerConnection.queryOne("SELECT count(*) FROM sqlite_schema")
            version = DataVersion(walIndexOf: path)
        }
        try writerConnection.recordRowChanges()
        writer = GuardedConnection(connection: writerConnection)

        if isInMemory {
            readers = nil
        } else {
            let path = path
            let busyTimeout = configuration.busyTimeoutMilliseconds
            readers = try ReaderPool(maximum: configuration.readerCount) {
                try Connection(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeout)
            }
        }

        logger.debug(
            "Database opened",
            metadata: ["db.path": path, "db.max_readers": "\(configuration.readerCount)"]
        )
    }

    deinit {
        close()
    }

    /// Runs `body` on the writer in a transaction of its own, one write at a time, and
    /// returns once it is committed. Any error thrown by `body` or by the commit undoes
    /// everything `body` did and is rethrown as is, so a validation error thrown halfway
    /// leaves no partial change.
    ///
    /// Writes that arrive together are committed together (see `GroupCommit`): each runs
    /// inside a savepoint of one shared transaction, which behaves for `body` exactly as a
    /// transaction of its own would, and the batch pays for one commit.
    ///
    /// Calling `write` from inside a `write` closure is refused, because the inner changes
    /// could not be rolled back separately.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try write(touchingOnly: nil, body)
    }

    /// `write(_:)` for a change that touches rows of `tables` only, so that caches of the
    /// other tables stay valid across it (see `changeVersion(ignoringWritesConfinedTo:)`).
    /// The promise is checked: the rows the write changed are counted table by table as
    /// SQLite reports them, and a write that changed anything else, or more rows than were
    /// reported, counts as a change to every table.
    public func write<T>(
        touchingOnly tables: Set<String>?,
        _ body: (Connection) throws -> T
    ) throws -> T {
        try ensureOpen()
        guard !writer.isCurrent else {
            throw DatabaseError.misuse("Database.write cannot run inside another write")
        }

        let result = Locked<T?>(nil)
        let outcome = withoutActuallyEscaping(body) { body in
            // The job never outlives this call: `run` returns only once it is settled.
            let job = WriteJob(confinedTo: tables) { connection in
                let value = try body(connection)
                result.withLock { $0 = value }
            }
            return groupCommit.run(job) { batch in runBatch(batch) }
        }

        switch outcome {
        case .failed(let error):
            throw error
        case .committed, .waiting, .leadNextBatch:
            guard let value = result.withLock({ $0 }) else {
                throw DatabaseError.misuse("A write finished without a result")
            }
            return value
        }
    }

    /// Runs the jobs of one batch in one transaction, each in a savepoint, and says how
    /// each ended. A job that throws is rolled back to its savepoint alone; an error that
    /// makes SQLite abandon the whole transaction, or a failed commit, fails every job
    /// whose changes were lost with it.
    private func runBatch(_ batch: [WriteJob]) -> [WriteJob.Outcome] {
        do {
            return try writer.run { connection in
                try connection.execute("BEGIN IMMEDIATE")
                version.batchBegan()

                var outcomes: [WriteJob.Outcome] = []
                var touched: [Set<String>?] = []
                for job in batch {
                    do {
                        let changesBefore = connection.totalChanges
                        connection.rowChanges?.clear()
                        try connection.execute("SAVEPOINT write_job")
                        try job.run(on: connection)
                        try connection.execute("RELEASE write_job")
                        outcomes.append(.committed)
                        touched.append(
                            Database.confinement(of: job, on: connection, since: changesBefore)
                        )
                    } catch {
                        guard connection.isInTransaction else {
                            // Nothing of the batch survives; the jobs not yet run fail too.
                            version.batchEnded(committed: [])
                            return [WriteJob.Outcome](repeating: .failed(error), count: batch.count)
                        }
                        try? connection.execute("ROLLBACK TO write_job")
                        try? connection.execute("RELEASE write_job")
                        outcomes.append(.failed(error))
                    }
                }

                guard !touched.isEmpty else {
                    // Every job failed: there is nothing to commit.
                    try? connection.execute("ROLLBACK")
                    version.batchEnded(committed: [])
                    return outcomes
                }
                let pagesBefore = connection.pagesWritten
                do {
                    try connection.execute("COMMIT")
                } catch {
                    if connection.isInTransaction {
                        try? connection.execute("ROLLBACK")
                    }
                    version.batchEnded(committed: [])
                    return outcomes.map { outcome in
                        if case .committed = outcome { return .failed(error) }
                        return outcome
                    }
                }
                // A commit that wrote pages wrote a commit frame, which moved the shared
                // change counter; one that changed nothing left it where it was.
                version.batchEnded(
                    committed: touched,
                    movedSharedCounter: connection.pagesWritten != pagesBefore
                )
                return outcomes
            }
        } catch {
            return [WriteJob.Outcome](repeating: .failed(error), count: batch.count)
        }
    }

    /// The tables a finished job is known to have confined itself to: the ones it promised,
    /// when every row it changed was reported and belongs to them; nil otherwise.
    private static func confinement(
        of job: WriteJob,
        on connection: Connection,
        since changesBefore: Int64
    ) -> Set<String>? {
        guard let promised = job.confinedTo, let log = connection.rowChanges else { return nil }
        let everyRowReported = connection.totalChanges - changesBefore == log.rowCount
        return everyRowReported && log.tables.isSubset(of: promised) ? promised : nil
    }

    /// A number that differs after any change to the database is committed, by this
    /// process or another, and is otherwise the same; nil when other processes' changes
    /// cannot be observed, in which case nothing read may be cached. Reading it costs a
    /// lock and an atomic load, so a cache can check it on every use: remember the version
    /// read *before* the data, and trust the data only while the version is unchanged.
    public var changeVersion: UInt64? {
        version.version(ignoringWritesConfinedTo: [])
    }

    /// `changeVersion`, except that it stays the same across this process's writes that
    /// changed rows of `tables` only: the version for a cache of data kept elsewhere, such
    /// as people while only leads are written.
    public func changeVersion(ignoringWritesConfinedTo tables: Set<String>) -> UInt64? {
        version.version(ignoringWritesConfinedTo: tables)
    }

    /// Runs `body` on a free reader inside a deferred transaction, so several queries see
    /// one consistent snapshot. Readers never wait for the writer, and a read started
    /// inside a `write` closure does not see that write's uncommitted changes (except for
    /// an in-memory database, whose reads run on the writer itself).
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try ensureOpen()

        guard let readers else {
            if writer.isCurrent {
                return try writer.run(body)
            }
            return try writer.run { connection in
                try Database.transaction("BEGIN DEFERRED", on: connection, body)
            }
        }

        // A read nested in a read keeps its reader and snapshot instead of taking another.
        if let current = readers.current() {
            return try current.run(body)
        }

        let reader = try readers.acquire()
        defer { readers.release(reader) }
        return try reader.run { connection in
            try Database.transaction("BEGIN DEFERRED", on: connection, body)
        }
    }

    /// How many read-only connections are open now; they open as concurrent reads need
    /// them, up to the configured maximum.
    public var openReaderCount: Int {
        readers?.openCount ?? 0
    }

    /// Checkpoints the write-ahead log into the database file (leaving the log empty),
    /// finalizes every prepared statement and closes all connections, after the reads and
    /// writes already running. Later calls throw a closed-database error. Safe to call
    /// more than once.
    public func close() {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }

        readers?.close()
        writer.close { connection in
            guard !isInMemory else { return }
            do {
                _ = try connection.query("PRAGMA wal_checkpoint(TRUNCATE)")
            } catch {
                logger.warning(
                    "Database checkpoint failed",
                    metadata: ["db.path": path, "error.message": "\(error)"]
                )
            }
        }
        logger.debug("Database closed", metadata: ["db.path": path])
    }

    /// Writes a consistent copy of the committed database to the file at `path` with
    /// SQLite's online backup, replacing that file only once the copy is complete. Writes
    /// wait while the copy runs; reads carry on.
    public func backup(to path: String) throws {
        try ensureOpen()
        guard path != self.path else {
            throw DatabaseError.misuse("A backup cannot overwrite the live database at \(path)")
        }

        try writer.run { connection in
            let source = try connection.openHandle()
            let partialPath = path + ".partial"
            Database.removeFiles(at: partialPath)

            do {
                let destination = try Connection(
                    path: partialPath,
                    readOnly: false,
                    busyTimeoutMilliseconds: 0
                )
                defer { destination.close() }
                try Database.copyPages(from: source, to: destination.openHandle())
            } catch {
                Database.removeFiles(at: partialPath)
                throw error
            }

            // A stale log beside the old copy would be replayed into the new one.
            Database.removeFiles(at: path)
            guard rename(partialPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                Database.removeFiles(at: partialPath)
                throw DatabaseError(
                    resultCode: .SQLITE_IOERR,
                    message: "Cannot move the backup into place at \(path): \(reason)"
                )
            }
        }
        logger.debug("Database backed up", metadata: ["db.path": self.path, "db.backup": path])
    }

    /// Replaces the whole content of the live database with that of the backup file at
    /// `path`, as one write: reads started afterwards see the restored data. The file must
    /// be an SQLite database, or the live data is left untouched.
    public func restore(from path: String) throws {
        try ensureOpen()
        guard !writer.isCurrent else {
            throw DatabaseError.misuse("Database.restore cannot run inside a write")
        }

        try writer.run { connection in
            let source = try Connection(path: path, readOnly: true, busyTimeoutMilliseconds: 0)
            defer { source.close() }
            try Database.copyPages(from: source.openHandle(), to: connection.openHandle())
        }
        version.noteUnconfinedChange()
        logger.debug("Database restored", metadata: ["db.path": self.path, "db.backup": path])
    }

    private func ensureOpen() throws {
        if isClosed.withLock({ $0 }) {
            throw DatabaseError.closed()
        }
    }

    /// Runs `body` between `begin` and COMMIT, rolling back on any error unless SQLite has
    /// already ended the transaction itself.
    private static func transaction<T>(
        _ begin: String,
        on connection: Connection,
        _ body: (Connection) throws -> T
    ) throws -> T {
        try connection.execute(begin)
        do {
            let result = try body(connection)
            try connection.execute("COMMIT")
            return result
        } catch {
            if connection.isInTransaction {
                try? connection.execute("ROLLBACK")
            }
            throw error
        }
    }

    /// Copies every page of `source` into `destination` with the online backup API,
    /// retrying while another connection holds a lock.
    private static func copyPages(
        from source: OpaquePointer,
        to destination: OpaquePointer
    ) throws {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(destination)),
                message: String(cString: sqlite3_errmsg(destination))
            )
        }

        var code: Int32
        var busyAttempts = 0
        repeat {
            code = sqlite3_backup_step(backup, -1)
            let primary = code & 0xFF
            if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
                busyAttempts += 1
                sqlite3_sleep(10)
            }
        } while code != SQLITE_DONE && busyAttempts < 500
            && [SQLITE_OK, SQLITE_BUSY, SQLITE_LOCKED].contains(code & 0xFF)

        let finished = sqlite3_backup_finish(backup)
        let failure = code == SQLITE_DONE ? finished : code
        guard failure == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: failure),
                message: "The backup copy failed: " + String(cString: sqlite3_errstr(failure))
            )
        }
    }

    /// Deletes a database file and its journal, log and shared-memory files, ignoring
    /// those that do not exist.
    private static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            unlink(path + suffix)
        }
    }
}
