import CSQLite

/// The tables whose rows a connection has inserted, updated or deleted since the log was
/// last cleared, as SQLite's update hook reports them row by row, with the number of rows.
///
/// The hook does not see every change (not a `DELETE` without `WHERE`, which SQLite may
/// carry out by truncating, nor schema changes), so a reader of the log also compares
/// `rowCount` with the connection's own count of changed rows before trusting it.
///
/// `@unchecked Sendable` is not claimed: the log belongs to its connection and is touched
/// only by the thread using that connection, from inside `sqlite3_step`.
final class RowChangeLog {
    /// The tables changed since `clear()`.
    private(set) var tables: Set<String> = []
    /// The rows changed since `clear()`.
    private(set) var rowCount: Int64 = 0

    /// Starts a new log.
    func clear() {
        tables.removeAll(keepingCapacity: true)
        rowCount = 0
    }

    /// Installs the update hook on `handle`; the log must outlive the connection's use.
    func install(on handle: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_update_hook(
            handle,
            { context, _, _, table, _ in
                guard let context, let table else { return }
                let log = Unmanaged<RowChangeLog>.fromOpaque(context).takeUnretainedValue()
                log.record(String(cString: table))
            },
            context
        )
    }

    private func record(_ table: String) {
        tables.insert(table)
        rowCount += 1
    }
}
