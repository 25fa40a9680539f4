import CSQLite

/// One SQLite connection. It is opened in multi-thread mode, so it must only be used from
/// one thread at a time: `Database` touches it only while holding the lock that guards it and
/// lends it out only for the length of a `read` or `write` closure. Do not keep it.
///
/// Statements are prepared once per SQL text and reused, so callers should pass constant
/// SQL with `?` placeholders and put every value in the arguments.
public final class Connection {
    /// How many distinct SQL texts to keep prepared. A caller that builds SQL with varying
    /// text (an `IN` list of changing length) would otherwise grow the cache forever.
    private static let statementCacheLimit = 256

    /// The SQLite handle; `nil` once closed.
    private var handle: OpaquePointer?

    /// The rows changed, when `recordRowChanges()` asked for it.
    private(set) var rowChanges: RowChangeLog?

    /// Prepared statements by SQL text.
    private var statements: [String: Statement] = [:]

    /// Opens a connection with extended result codes, a busy timeout, foreign keys
    /// enforced and double-quoted string literals refused.
    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)

        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            let extended = opened.map { sqlite3_extended_errcode($0) } ?? code
            sqlite3_close_v2(opened)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: extended),
                message: "Cannot open the database at \(path): \(message)"
            )
        }
        handle = opened

        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, Int32(clamping: busyTimeoutMilliseconds))
        let configured = leads_sqlite3_disable_double_quoted_strings(opened)
        guard configured == SQLITE_OK else {
            close()
            throw DatabaseError(
                resultCode: ResultCode(rawValue: configured),
                message: "Cannot configure the database connection"
            )
        }
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        close()
    }

    /// Runs one statement with bound arguments and discards any rows it returns. SQL text
    /// with a second statement is refused, so values can never be spliced into a script.
    public func execute(_ sql: String, _ arguments: [DatabaseValue] = []) throws {
        try statement(for: sql).run(arguments) { _ in }
    }

    /// Runs several statements separated by semicolons, without arguments: for migrations
    /// and fixed setup scripts, never for SQL that contains outside values. Stops at the
    /// first failing statement and names it in the error.
    public func executeScript(_ sql: String) throws {
        let database = try openHandle()

        try sql.withCString { start in
            var remaining: UnsafePointer<CChar>? = start
            while let current = remaining, current.pointee != 0 {
                var prepared: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(database, current, -1, &prepared, &tail)
                guard code == SQLITE_OK else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code),
                        message: String(cString: sqlite3_errmsg(database)),
                        sql: Connection.firstStatement(in: current)
                    )
                }
                remaining = tail

                // Whitespace and comments prepare to no statement at all.
                guard let prepared else { continue }
                let text = String(cString: sqlite3_sql(prepared))
                let statement = Statement(handle: prepared, sql: text, database: database)
                defer { statement.finalize() }

                try statement.run([]) { _ in }
            }
        }
    }

    /// Runs one statement and returns every row it produces.
    public func query(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> [Row] {
        let statement = try statement(for: sql)
        var layout: RowLayout?
        var rows: [Row] = []

        try statement.run(arguments) { handle in
            let rowLayout = layout ?? statement.rowLayout()
            layout = rowLayout

            let count = Int32(rowLayout.names.count)
            let values = (0..<count).map { readValue(of: handle, at: $0) }
            rows.append(Row(layout: rowLayout, values: values))
        }
        return rows
    }

    /// Runs one statement and returns its first row, or `nil` when it produced none.
    /// Further rows are still stepped through, so write this for queries that return one.
    public func queryOne(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> Row? {
        try query(sql, arguments).first
    }

    /// How many rows the last INSERT, UPDATE or DELETE changed, so an update of a missing
    /// row can be told from a successful one (and answered with 404).
    public var changes: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    /// The rowid of the last row inserted on this connection, to find a row just created.
    public var lastInsertRowID: Int64 {
        guard let handle else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }

    /// Whether a transaction is open, so a failed one is rolled back only when SQLite has
    /// not already done it.
    var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Whether `close()` has run.
    var isClosed: Bool { handle == nil }

    /// How many rows INSERT, UPDATE and DELETE statements have changed on this connection
    /// since it opened.
    var totalChanges: Int64 {
        guard let handle else { return 0 }
        return sqlite3_total_changes64(handle)
    }

    /// How many pages this connection has written out of its cache (to the write-ahead
    /// log) since it opened; other connections' writes never count here.
    var pagesWritten: Int32 {
        guard let handle else { return 0 }
        var current: Int32 = 0
        var highest: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highest, 0)
        return current
    }

    /// Starts keeping `rowChanges`, the tables whose rows this connection changes.
    func recordRowChanges() throws {
        let log = RowChangeLog()
        log.install(on: try openHandle())
        rowChanges = log
    }

    /// The raw handle, for the backup API; throws once the connection is closed.
    func openHandle() throws -> OpaquePointer {
        guard let handle else { throw DatabaseError.closed() }
        return handle
    }

    /// Finalizes every cached statement and closes the handle. Safe to call twice.
    func close() {
        for statement in statements.values {
            statement.finalize()
        }
        statements.removeAll()

        guard let handle else { return }
        sqlite3_update_hook(handle, nil, nil)
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The cached statement for `sql`, preparing it on first use.
    private func statement(for sql: String) throws -> Statement {
        if let cached = statements[sql] {
            return cached
        }

        let database = try openHandle()
        let statement = try sql.withCString { start -> Statement in
            var prepared: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
            let code = sqlite3_prepare_v3(database, start, -1, flags, &prepared, &tail)
            guard code == SQLITE_OK else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(database)),
                    sql: sql
                )
            }
            guard let prepared else {
                throw DatabaseError.misuse("The SQL text holds no statement", sql: sql)
            }
            let statement = Statement(handle: prepared, sql: sql, database: database)

            if let tail, Connection.holdsStatement(tail, database: database) {
                throw DatabaseError.misuse(
                    "execute and query run one statement; use executeScript for several",
                    sql: sql
                )
            }
            return statement
        }

        if statements.count >= Connection.statementCacheLimit {
            for cached in statements.values {
                cached.finalize()
            }
            statements.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    /// Whether the text after a statement holds another one (rather than only whitespace,
    /// semicolons and comments).
    private static func holdsStatement(
        _ text: UnsafePointer<CChar>,
        database: OpaquePointer
    ) -> Bool {
        var remaining: UnsafePointer<CChar>? = text
        while let current = remaining, current.pointee != 0 {
            var prepared: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(database, current, -1, &prepared, &tail)
            guard code == SQLITE_OK else { return true }
            if let prepared {
                sqlite3_finalize(prepared)
                return true
            }
            remaining = tail
        }
        return false
    }

    /// The text of a script up to its next semicolon, to name a statement that failed to
    /// prepare without repeating the whole script in the error.
    private static func firstStatement(in text: UnsafePointer<CChar>) -> String {
        let script = String(cString: text)
        let statement = script.split(separator: ";", maxSplits: 1).first.map(String.init)
        return (statement ?? script).trimmingWhitespace()
    }
}

@available(*, unavailable)
extension Connection: Sendable {}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isWhitespace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isWhitespace($0) }),
            let last = lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
