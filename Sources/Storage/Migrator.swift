import Foundation
import Log

/// Brings a database's schema up to date by applying, in version order, each migration not
/// yet recorded in the `schema_migrations` table. Each migration runs in its own
/// transaction, so a failing one leaves neither its tables nor its record behind.
public struct Migrator: Sendable {
    /// Every known migration, sorted by version.
    public let migrations: [Migration]

    /// A migrator for `migrations`, in any order.
    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Reads the `.sql` files of a directory, which must be named `NNNN_name.sql` (digits,
    /// an underscore, then letters, digits, `_` or `-`). Other files, such as sources
    /// that embed the same SQL in the binary, are ignored; a badly named `.sql` file, an
    /// unreadable one or a version used twice is an error naming the file.
    public static func loadMigrations(fromDirectory path: String) throws -> [Migration] {
        let fileNames: [String]
        do {
            fileNames = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw DatabaseError(
                resultCode: .SQLITE_CANTOPEN,
                message: "Cannot list the migrations directory \(path)"
            )
        }

        var migrations: [Migration] = []
        var fileNameByVersion: [Int: String] = [:]
        for fileName in fileNames.sorted() where fileName.hasSuffix(".sql") {
            let (version, name) = try Migration.parse(fileName: fileName, directory: path)
            if let other = fileNameByVersion[version] {
                throw DatabaseError(
                    resultCode: .SQLITE_ERROR,
                    message: "Migration files \(other) and \(fileName) in \(path) share "
                        + "version \(version)"
                )
            }
            fileNameByVersion[version] = fileName

            let filePath = path + "/" + fileName
            guard let data = FileManager.default.contents(atPath: filePath),
                let sql = String(data: data, encoding: .utf8)
            else {
                throw DatabaseError(
                    resultCode: .SQLITE_CANTOPEN,
                    message: "Cannot read migration file \(filePath) as UTF-8 text"
                )
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// Applies every migration not yet recorded, oldest first, and returns those applied by
    /// this call (empty when the schema was already current). A failing migration is rolled
    /// back and stops the run with an error naming it; those before it stay applied.
    @discardableResult
    public func migrate(_ database: Database) throws -> [Migration] {
        try checkVersionsAreUnique()

        let appliedVersions = try database.write { connection -> Set<Int> in
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """
            )
            let rows = try connection.query("SELECT version FROM schema_migrations")
            return Set(rows.compactMap { $0.value("version", as: Int.self) })
        }

        var appliedNow: [Migration] = []
        for migration in migrations where !appliedVersions.contains(migration.version) {
            do {
                try database.write { connection in
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        """
                        INSERT INTO schema_migrations (version, name, applied_at)
                        VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                        """,
                        [.integer(Int64(migration.version)), .text(migration.name)]
                    )
                }
            } catch let error as DatabaseError {
                throw DatabaseError(
                    resultCode: error.resultCode,
                    message: "Migration \(migration.label) failed: \(error.message)",
                    sql: error.sql
                )
            }

            database.logger.info(
                "Migration applied",
                metadata: ["db.path": database.path, "db.migration": migration.label]
            )
            appliedNow.append(migration)
        }
        return appliedNow
    }

    private func checkVersionsAreUnique() throws {
        for (earlier, later) in zip(migrations, migrations.dropFirst())
        where earlier.version == later.version {
            throw DatabaseError(
                resultCode: .SQLITE_ERROR,
                message: "Migrations \(earlier.label) and \(later.label) share version "
                    + "\(later.version)"
            )
        }
    }
}
