/// An SQLite result code, primary or extended, kept as a value so callers can tell a UNIQUE
/// violation from a full disk by its number rather than by parsing a message. The
/// constants keep SQLite's own names so they can be looked up in SQLite's documentation.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code: the primary code in the low 8 bits, the extension above them.
    public let rawValue: Int32

    /// Wraps a code returned by SQLite.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code (low 8 bits), which groups extended codes by family, so
    /// `SQLITE_CONSTRAINT_UNIQUE.primary == SQLITE_CONSTRAINT`.
    public var primary: ResultCode {
        ResultCode(rawValue: rawValue & 0xFF)
    }

    /// SQLite's name for the code (`SQLITE_CONSTRAINT_UNIQUE`) followed by its number, or the
    /// primary code's name when the extension is unknown here.
    public var description: String {
        if let name = ResultCode.names[rawValue] {
            return "\(name) (\(rawValue))"
        }
        if let name = ResultCode.names[primary.rawValue] {
            return "\(name) (\(rawValue))"
        }
        return "SQLite result code \(rawValue)"
    }

    /// Lets a `switch` over an error's code match a primary code against any of its
    /// extended codes: `case .SQLITE_BUSY` also catches `SQLITE_BUSY_SNAPSHOT`.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        if pattern == code { return true }
        return pattern.rawValue == pattern.primary.rawValue && code.primary == pattern
    }

    /// The operation succeeded.
    public static let SQLITE_OK = ResultCode(rawValue: 0)

    /// A generic failure, such as an SQL syntax error or a missing table.
    public static let SQLITE_ERROR = ResultCode(rawValue: 1)

    /// A bug inside SQLite itself.
    public static let SQLITE_INTERNAL = ResultCode(rawValue: 2)

    /// The operating system refused the requested access mode.
    public static let SQLITE_PERM = ResultCode(rawValue: 3)

    /// An operation was abandoned, for example by a callback.
    public static let SQLITE_ABORT = ResultCode(rawValue: 4)

    /// Another connection holds a lock and the busy timeout ran out.
    public static let SQLITE_BUSY = ResultCode(rawValue: 5)

    /// A conflict inside this process, on a shared cache or the same connection.
    public static let SQLITE_LOCKED = ResultCode(rawValue: 6)

    /// SQLite could not allocate memory.
    public static let SQLITE_NOMEM = ResultCode(rawValue: 7)

    /// A write was attempted on a read-only database or connection.
    public static let SQLITE_READONLY = ResultCode(rawValue: 8)

    /// The operation was interrupted on purpose.
    public static let SQLITE_INTERRUPT = ResultCode(rawValue: 9)

    /// The operating system reported an I/O failure.
    public static let SQLITE_IOERR = ResultCode(rawValue: 10)

    /// The database file is damaged.
    public static let SQLITE_CORRUPT = ResultCode(rawValue: 11)

    /// An unknown opcode or file control was requested.
    public static let SQLITE_NOTFOUND = ResultCode(rawValue: 12)

    /// The disk, or the database's size limit, is full.
    public static let SQLITE_FULL = ResultCode(rawValue: 13)

    /// The database file, its journal or its directory cannot be opened.
    public static let SQLITE_CANTOPEN = ResultCode(rawValue: 14)

    /// The WAL locking protocol failed.
    public static let SQLITE_PROTOCOL = ResultCode(rawValue: 15)

    /// Not used by current SQLite versions.
    public static let SQLITE_EMPTY = ResultCode(rawValue: 16)

    /// The schema changed under a prepared statement.
    public static let SQLITE_SCHEMA = ResultCode(rawValue: 17)

    /// A string or blob exceeded SQLite's size limit.
    public static let SQLITE_TOOBIG = ResultCode(rawValue: 18)

    /// A constraint (UNIQUE, NOT NULL, CHECK, FOREIGN KEY...) was violated.
    public static let SQLITE_CONSTRAINT = ResultCode(rawValue: 19)

    /// A value had the wrong type, for example a non-integer rowid.
    public static let SQLITE_MISMATCH = ResultCode(rawValue: 20)

    /// The library was used incorrectly, for example a closed database.
    public static let SQLITE_MISUSE = ResultCode(rawValue: 21)

    /// Large files are not supported by the host.
    public static let SQLITE_NOLFS = ResultCode(rawValue: 22)

    /// An authorizer callback denied the statement.
    public static let SQLITE_AUTH = ResultCode(rawValue: 23)

    /// Not used by current SQLite versions.
    public static let SQLITE_FORMAT = ResultCode(rawValue: 24)

    /// A parameter index or column index was out of range.
    public static let SQLITE_RANGE = ResultCode(rawValue: 25)

    /// The file is not an SQLite database.
    public static let SQLITE_NOTADB = ResultCode(rawValue: 26)

    /// An informational message from the log callback.
    public static let SQLITE_NOTICE = ResultCode(rawValue: 27)

    /// A warning from the log callback.
    public static let SQLITE_WARNING = ResultCode(rawValue: 28)

    /// `sqlite3_step` produced a row.
    public static let SQLITE_ROW = ResultCode(rawValue: 100)

    /// `sqlite3_step` finished the statement.
    public static let SQLITE_DONE = ResultCode(rawValue: 101)

    /// Another connection is recovering the WAL file.
    public static let SQLITE_BUSY_RECOVERY = ResultCode(rawValue: 261)

    /// A read transaction's snapshot is too old to start writing.
    public static let SQLITE_BUSY_SNAPSHOT = ResultCode(rawValue: 517)

    /// A blocking lock wait timed out.
    public static let SQLITE_BUSY_TIMEOUT = ResultCode(rawValue: 773)

    /// A conflict with another connection on the same shared cache.
    public static let SQLITE_LOCKED_SHAREDCACHE = ResultCode(rawValue: 262)

    /// The WAL needs recovery but the connection is read-only.
    public static let SQLITE_READONLY_RECOVERY = ResultCode(rawValue: 264)

    /// A read-only WAL database could not take its shared-memory lock.
    public static let SQLITE_READONLY_CANTLOCK = ResultCode(rawValue: 520)

    /// A hot journal needs rolling back but the file is read-only.
    public static let SQLITE_READONLY_ROLLBACK = ResultCode(rawValue: 776)

    /// The database file was moved or unlinked while open.
    public static let SQLITE_READONLY_DBMOVED = ResultCode(rawValue: 1032)

    /// A read from disk failed.
    public static let SQLITE_IOERR_READ = ResultCode(rawValue: 266)

    /// A read from disk returned fewer bytes than asked for.
    public static let SQLITE_IOERR_SHORT_READ = ResultCode(rawValue: 522)

    /// A write to disk failed.
    public static let SQLITE_IOERR_WRITE = ResultCode(rawValue: 778)

    /// Flushing to disk failed.
    public static let SQLITE_IOERR_FSYNC = ResultCode(rawValue: 1034)

    /// Truncating a file failed.
    public static let SQLITE_IOERR_TRUNCATE = ResultCode(rawValue: 1546)

    /// Deleting a file failed.
    public static let SQLITE_IOERR_DELETE = ResultCode(rawValue: 2570)

    /// Memory ran out during I/O.
    public static let SQLITE_IOERR_NOMEM = ResultCode(rawValue: 3082)

    /// Taking a file lock failed.
    public static let SQLITE_IOERR_LOCK = ResultCode(rawValue: 3850)

    /// Opening the WAL shared-memory file failed.
    public static let SQLITE_IOERR_SHMOPEN = ResultCode(rawValue: 4618)

    /// Mapping the WAL shared-memory file failed.
    public static let SQLITE_IOERR_SHMMAP = ResultCode(rawValue: 5386)

    /// An index does not match its table.
    public static let SQLITE_CORRUPT_INDEX = ResultCode(rawValue: 779)

    /// The database path names a directory.
    public static let SQLITE_CANTOPEN_ISDIR = ResultCode(rawValue: 526)

    /// The database path could not be made absolute.
    public static let SQLITE_CANTOPEN_FULLPATH = ResultCode(rawValue: 782)

    /// A CHECK constraint failed.
    public static let SQLITE_CONSTRAINT_CHECK = ResultCode(rawValue: 275)

    /// A commit hook turned a commit into a rollback.
    public static let SQLITE_CONSTRAINT_COMMITHOOK = ResultCode(rawValue: 531)

    /// A FOREIGN KEY constraint failed.
    public static let SQLITE_CONSTRAINT_FOREIGNKEY = ResultCode(rawValue: 787)

    /// An extension function reported a constraint failure.
    public static let SQLITE_CONSTRAINT_FUNCTION = ResultCode(rawValue: 1043)

    /// A NOT NULL constraint failed.
    public static let SQLITE_CONSTRAINT_NOTNULL = ResultCode(rawValue: 1299)

    /// A PRIMARY KEY constraint failed.
    public static let SQLITE_CONSTRAINT_PRIMARYKEY = ResultCode(rawValue: 1555)

    /// A trigger raised an error with RAISE().
    public static let SQLITE_CONSTRAINT_TRIGGER = ResultCode(rawValue: 1811)

    /// A UNIQUE constraint failed.
    public static let SQLITE_CONSTRAINT_UNIQUE = ResultCode(rawValue: 2067)

    /// A virtual table reported a constraint failure.
    public static let SQLITE_CONSTRAINT_VTAB = ResultCode(rawValue: 2323)

    /// A rowid was not unique.
    public static let SQLITE_CONSTRAINT_ROWID = ResultCode(rawValue: 2579)

    /// An UPDATE trigger tried to delete the row being updated.
    public static let SQLITE_CONSTRAINT_PINNED = ResultCode(rawValue: 2835)

    /// A value did not fit a STRICT table's column type.
    public static let SQLITE_CONSTRAINT_DATATYPE = ResultCode(rawValue: 3091)

    /// Names for `description`.
    private static let names: [Int32: String] = [

        0: "SQLITE_OK",

        1: "SQLITE_ERROR",

        2: "SQLITE_INTERNAL",

        3: "SQLITE_PERM",

        4: "SQLITE_ABORT",

        5: "SQLITE_BUSY",

        6: "SQLITE_LOCKED",

        7: "SQLITE_NOMEM",

        8: "SQLITE_READONLY",

        9: "SQLITE_INTERRUPT",

        10: "SQLITE_IOERR",

        11: "SQLITE_CORRUPT",

        12: "SQLITE_NOTFOUND",

        13: "SQLITE_FULL",

        14: "SQLITE_CANTOPEN",

        15: "SQLITE_PROTOCOL",

        16: "SQLITE_EMPTY",

        17: "SQLITE_SCHEMA",

        18: "SQLITE_TOOBIG",

        19: "SQLITE_CONSTRAINT",

        20: "SQLITE_MISMATCH",

        21: "SQLITE_MISUSE",

        22: "SQLITE_NOLFS",

        23: "SQLITE_AUTH",

        24: "SQLITE_FORMAT",

        25: "SQLITE_RANGE",

        26: "SQLITE_NOTADB",

        27: "SQLITE_NOTICE",

        28: "SQLITE_WARNING",

        100: "SQLITE_ROW",

        101: "SQLITE_DONE",

        261: "SQLITE_BUSY_RECOVERY",

        517: "SQLITE_BUSY_SNAPSHOT",

        773: "SQLITE_BUSY_TIMEOUT",

        262: "SQLITE_LOCKED_SHAREDCACHE",

        264: "SQLITE_READONLY_RECOVERY",

        520: "SQLITE_READONLY_CANTLOCK",

        776: "SQLITE_READONLY_ROLLBACK",

        1032: "SQLITE_READONLY_DBMOVED",

        266: "SQLITE_IOERR_READ",

        522: "SQLITE_IOERR_SHORT_READ",

        778: "SQLITE_IOERR_WRITE",

        1034: "SQLITE_IOERR_FSYNC",

        1546: "SQLITE_IOERR_TRUNCATE",

        2570: "SQLITE_IOERR_DELETE",

        3082: "SQLITE_IOERR_NOMEM",

        3850: "SQLITE_IOERR_LOCK",

        4618: "SQLITE_IOERR_SHMOPEN",

        5386: "SQLITE_IOERR_SHMMAP",

        779: "SQLITE_CORRUPT_INDEX",

        526: "SQLITE_CANTOPEN_ISDIR",

        782: "SQLITE_CANTOPEN_FULLPATH",

        275: "SQLITE_CONSTRAINT_CHECK",

        531: "SQLITE_CONSTRAINT_COMMITHOOK",

        787: "SQLITE_CONSTRAINT_FOREIGNKEY",

        1043: "SQLITE_CONSTRAINT_FUNCTION",

        1299: "SQLITE_CONSTRAINT_NOTNULL",

        1555: "SQLITE_CONSTRAINT_PRIMARYKEY",

        1811: "SQLITE_CONSTRAINT_TRIGGER",

        2067: "SQLITE_CONSTRAINT_UNIQUE",

        2323: "SQLITE_CONSTRAINT_VTAB",

        2579: "SQLITE_CONSTRAINT_ROWID",

        2835: "SQLITE_CONSTRAINT_PINNED",

        3091: "SQLITE_CONSTRAINT_DATATYPE",

    ]
}
