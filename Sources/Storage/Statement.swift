import CSQLite

/// SQLite's `SQLITE_TRANSIENT` destructor, which the C macro spells as `-1` cast to a
/// function pointer and Swift cannot import: it tells SQLite to copy bound bytes at once,
/// because the Swift buffers they come from do not outlive the bind call.
let transientDestructor = unsafeBitCast(
    OpaquePointer(bitPattern: -1),
    to: sqlite3_destructor_type.self
)

/// A prepared statement owned by one `Connection` and reused for every call with the same
/// SQL text, so parsing and planning happen once.
final class Statement {
    /// The SQL text, kept for error messages.
    let sql: String

    private var handle: OpaquePointer?
    private let database: OpaquePointer
    private var cachedLayout: RowLayout?

    init(handle: OpaquePointer, sql: String, database: OpaquePointer) {
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit {
        finalize()
    }

    /// Releases SQLite's resources; the connection calls this before it closes.
    func finalize() {
        guard let handle else { return }
        sqlite3_finalize(handle)
        self.handle = nil
    }

    /// Binds `arguments`, steps through every row and hands each to `onRow`, then resets
    /// the statement and clears its bindings so it is ready for the next call even when
    /// this one failed.
    func run(_ arguments: [DatabaseValue], onRow: (OpaquePointer) -> Void) throws {
        guard let handle else { throw DatabaseError.closed(sql: sql) }

        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }

        try bind(arguments, to: handle)

        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_ROW {
                onRow(handle)
            } else if code == SQLITE_DONE {
                return
            } else {
                throw error(code)
            }
        }
    }

    /// The names and lookup table of this statement's columns, built at its first row and
    /// then reused, as the column list of a prepared statement stays the same. (SQLite
    /// re-prepares after a schema change; a changed column count builds it again.)
    func rowLayout() -> RowLayout {
        let count = handle.map { Int(sqlite3_column_count($0)) } ?? 0
        if let cachedLayout, cachedLayout.names.count == count {
            return cachedLayout
        }
        let layout = RowLayout(names: columnNames())
        cachedLayout = layout
        return layout
    }

    /// The column names of the current result set.
    func columnNames() -> [String] {
        guard let handle else { return [] }
        return (0..<sqlite3_column_count(handle)).map { index in
            guard let name = sqlite3_column_name(handle, index) else { return "" }
            return String(cString: name)
        }
    }

    private func bind(_ arguments: [DatabaseValue], to handle: OpaquePointer) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw DatabaseError(
                resultCode: .SQLITE_RANGE,
                message: "The statement expects \(expected) arguments but was given "
                    + "\(arguments.count)",
                sql: sql
            )
        }

        for (offset, argument) in arguments.enumerated() {
            let code = bind(argument, at: Int32(offset + 1), to: handle)
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func bind(
        _ value: DatabaseValue,
        at index: Int32,
        to handle: OpaquePointer
    ) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(var text):
            // A zero-length buffer may have no address, and SQLite binds NULL for a null
            // pointer, so the empty string gets a real (empty) C string.
            guard !text.isEmpty else {
                return sqlite3_bind_text64(
                    handle,
                    index,
                    "",
                    0,
                    transientDestructor,
                    UInt8(SQLITE_UTF8)
                )
            }
            return text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    sqlite3_bind_text64(
                        handle,
                        index,
                        characters.baseAddress,
                        UInt64(characters.count),
                        transientDestructor,
                        UInt8(SQLITE_UTF8)
                    )
                }
            }
        case .blob(let bytes):
            guard !bytes.isEmpty else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(
                    handle,
                    index,
                    buffer.baseAddress,
                    UInt64(buffer.count),
                    transientDestructor
                )
            }
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(database)),
            sql: sql
        )
    }
}

/// Reads column `index` of the current row as a value, copying text and blobs out of
/// SQLite's buffers, which change on the next step. Text is read with its byte count, so
/// an embedded NUL does not cut it short.
func readValue(of statement: OpaquePointer, at index: Int32) -> DatabaseValue {
    switch sqlite3_column_type(statement, index) {
    case SQLITE_INTEGER:
        return .integer(sqlite3_column_int64(statement, index))
    case SQLITE_FLOAT:
        return .real(sqlite3_column_double(statement, index))
    case SQLITE_TEXT:
        guard let characters = sqlite3_column_text(statement, index) else { return .text("") }
        let count = Int(sqlite3_column_bytes(statement, index))
        let buffer = UnsafeBufferPointer(start: characters, count: count)
        return .text(String(decoding: buffer, as: UTF8.self))
    case SQLITE_BLOB:
        guard let bytes = sqlite3_column_blob(statement, index) else { return .blob([]) }
        let count = Int(sqlite3_column_bytes(statement, index))
        return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
    default:
        return .null
    }
}
