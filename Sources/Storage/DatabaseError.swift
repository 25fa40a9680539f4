/// The one error type of the storage layer: what SQLite reported, with its extended result
/// code so the API layer can map constraint kinds and outages to responses without parsing
/// messages. It never holds bound argument values, so it is safe to log.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, such as `SQLITE_CONSTRAINT_UNIQUE` (2067).
    public var resultCode: ResultCode

    /// SQLite's explanation (`UNIQUE constraint failed: people.username`) or ours when the
    /// failure happened outside SQLite, such as a migration file with a bad name.
    public var message: String

    /// The SQL being run, with `?` placeholders; bound values are deliberately absent.
    public var sql: String?

    /// Creates an error; the storage layer makes these, tests and callers may too.
    public init(resultCode: ResultCode, message: String, sql: String? = nil) {
        self.resultCode = resultCode
        self.message = message
        self.sql = sql
    }

    /// A UNIQUE or PRIMARY KEY constraint failed: the row would duplicate an existing one,
    /// which DRF reports as a validation error on the field.
    public var isUniqueViolation: Bool {
        resultCode == .SQLITE_CONSTRAINT_UNIQUE || resultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }

    /// A FOREIGN KEY constraint failed: a reference points at a row that does not exist,
    /// or a delete would orphan rows that still refer to it.
    public var isForeignKeyViolation: Bool {
        resultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
    }

    /// The database cannot serve the request right now (locked, busy, read-only, disk full,
    /// I/O failure, cannot open or closed) rather than the request being wrong: the family
    /// to answer with 503 and a retry, not 500.
    public var isUnavailable: Bool {
        switch resultCode.primary {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY, .SQLITE_FULL, .SQLITE_IOERR,
            .SQLITE_CANTOPEN:
            true
        default:
            false
        }
    }

    /// One line for logs: code, message and the statement, never its arguments.
    public var description: String {
        var text = "SQLite error \(resultCode): \(message)"
        if let sql {
            text += " - while executing `\(sql)`"
        }
        return text
    }

    /// The error thrown by every call made after `Database.close()`. It uses
    /// `SQLITE_CANTOPEN` so that a request racing a shutdown is answered as unavailable.
    static func closed(sql: String? = nil) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "The database is closed", sql: sql)
    }

    /// The error for an API used in a way it does not support, such as two statements
    /// given to `execute`.
    static func misuse(_ message: String, sql: String? = nil) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_MISUSE, message: message, sql: sql)
    }
}
