/// One step of the schema's history: SQL applied once, in version order, and recorded so
/// it is never applied again.
public struct Migration: Sendable, Hashable {
    /// The order of application; also the key recorded in `schema_migrations`.
    public var version: Int

    /// A short description from the file name, such as `initial` or `add_lead_notes`.
    public var name: String

    /// The statements to run, separated by semicolons, without transaction control
    /// (each migration already runs inside its own transaction, where SQLite ignores
    /// `PRAGMA foreign_keys`).
    public var sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The migration as its file is named (`0002_add_lead_notes`), for messages and logs.
    public var label: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// A migration from a file's name (`0002_add_lead_notes.sql`) and content, for
    /// migrations compiled into the binary; a badly named file is an error naming it.
    public init(fileName: String, sql: String) throws {
        let (version, name) = try Migration.parse(fileName: fileName)
        self.init(version: version, name: name, sql: sql)
    }

    /// Splits `0002_add_notes.sql` into 2 and `add_notes`: digits, an underscore, then a
    /// name of ASCII letters, digits, `_` or `-`, then `.sql`.
    static func parse(fileName: String, directory: String? = nil) throws -> (Int, String) {
        let stem = fileName.hasSuffix(".sql") ? fileName.dropLast(4) : ""
        let separator = stem.firstIndex(of: "_") ?? stem.endIndex
        let digits = stem[..<separator]
        let name = separator < stem.endIndex ? stem[stem.index(after: separator)...] : ""

        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let version = Int(digits),
            !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) })
        else {
            let location = directory.map { " in \($0)" } ?? ""
            throw DatabaseError(
                resultCode: .SQLITE_ERROR,
                message: "Migration file \(fileName)\(location) is not named NNNN_name.sql"
            )
        }
        return (version, String(name))
    }
}
