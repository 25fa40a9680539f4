import Foundation
import Log
import Storage
import TestSupport
import Testing

@Suite("Closing, backing up, restoring and reusing statements")
struct LifecycleTests {
    private func count(_ database: Database) throws -> Int? {
        try database.read { connection in
            try connection.queryOne("SELECT count(*) AS total FROM items")?
                .value("total", as: Int.self)
        }
    }

    /// The size of a file in bytes, or `nil` when it does not exist.
    private func fileSize(_ path: String) -> Int? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue
    }

    @Test("close checkpoints the log, is idempotent and makes later calls fail")
    func closeCheckpoints() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let path = directory.file(named: "test.sqlite")
        let database = try Database(
            configuration: DatabaseConfiguration(path: path),
            logger: .disabled()
        )
        try database.write { connection in
            try connection.execute("CREATE TABLE items (name TEXT)")
            for number in 0..<100 {
                try connection.execute("INSERT INTO items VALUES (?)", [.text("item \(number)")])
            }
        }
        let logSizeWhileOpen = fileSize(path + "-wal") ?? 0
        _ = try count(database)

        database.close()
        database.close()
        let logSizeAfterClose = fileSize(path + "-wal") ?? 0
        let errorAfterClose = databaseError { _ = try count(database) }

        let reopened = try Database(
            configuration: DatabaseConfiguration(path: path),
            logger: .disabled()
        )
        defer { reopened.close() }

        #expect(logSizeWhileOpen > 0)
        #expect(logSizeAfterClose == 0)
        #expect(errorAfterClose?.isUnavailable == true)
        #expect(try count(reopened) == 100)
    }

    @Test("a restore brings back exactly the rows of the backup")
    func backupAndRestore() throws {
        try withDatabase { database, directory in
            let snapshot = directory.file(named: "snapshot.sqlite")
            try database.write { connection in
                try connection.execute("CREATE TABLE items (name TEXT UNIQUE)")
                try connection.execute("INSERT INTO items VALUES ('kept'), ('also kept')")
            }
            try database.backup(to: snapshot)

            try database.write { connection in
                try connection.execute("DELETE FROM items WHERE name = 'kept'")
                try connection.execute("INSERT INTO items VALUES ('added later')")
                try connection.execute("CREATE TABLE extra (id INTEGER)")
            }
            let namesBefore = try names(database)
            try database.restore(from: snapshot)

            let tables = try database.read { connection in
                try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table'")
                    .map { $0["name"] }
            }
            let mode = try database.write { try $0.queryOne("PRAGMA journal_mode")?[0] }

            #expect(namesBefore == ["added later", "also kept"])
            #expect(try names(database) == ["also kept", "kept"])
            #expect(tables == ["items"])
            #expect(mode == "wal")

            // The restored data is live: constraints and writes work on it.
            let duplicate = databaseError {
                try database.write { try $0.execute("INSERT INTO items VALUES ('kept')") }
            }
            #expect(duplicate?.isUniqueViolation == true)
        }
    }

    @Test("restoring from a file that is not a database leaves the data untouched")
    func restoreRejectsGarbage() throws {
        try withDatabase { database, directory in
            let garbage = directory.file(named: "garbage.sqlite")
            try Array(repeating: "not a database ", count: 500).joined()
                .write(toFile: garbage, atomically: true, encoding: .utf8)
            try database.write { connection in
                try connection.execute("CREATE TABLE items (name TEXT)")
                try connection.execute("INSERT INTO items VALUES ('safe')")
            }

            let error = databaseError { try database.restore(from: garbage) }
            let missing = databaseError {
                try database.restore(from: directory.file(named: "missing.sqlite"))
            }

            #expect(error?.resultCode.primary == .SQLITE_NOTADB)
            #expect(missing?.resultCode.primary == .SQLITE_CANTOPEN)
            #expect(try names(database) == ["safe"])
        }
    }

    @Test("one cached statement serves many executions and survives a schema change")
    func statementCacheReuse() throws {
        try withDatabase { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE items (number INTEGER)")
                for number in 0..<2_000 {
                    try connection.execute(
                        "INSERT INTO items VALUES (?)",
                        [.integer(Int64(number))]
                    )
                }
            }
            var sums: [DatabaseValue] = []
            for limit in [10, 100, 2_000] {
                let row = try database.read { connection in
                    try connection.queryOne(
                        "SELECT sum(number) AS total FROM items WHERE number < ?",
                        [.integer(Int64(limit))]
                    )
                }
                sums.append(row?["total"] ?? .null)
            }

            try database.write { try $0.execute("ALTER TABLE items ADD COLUMN label TEXT") }
            let columns = try database.read { connection in
                try connection.queryOne("SELECT * FROM items")?.columnNames
            }

            #expect(sums == [45, 4_950, 1_999_000])
            #expect(columns == ["number", "label"])
        }
    }

    @Test("opening logs the path at debug and bound values are never logged")
    func logging() throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "storage", level: .trace, handler: handler)

        try withDatabase(logger: logger) { database, _ in
            try Migrator(migrations: [
                Migration(version: 1, name: "people", sql: "CREATE TABLE people (password TEXT)")
            ]).migrate(database)
            _ = databaseError {
                try database.write { connection in
                    try connection.execute("INSERT INTO people VALUES (?)", ["secret-value"])
                    try connection.execute("INSERT INTO missing VALUES (?)", ["secret-value"])
                }
            }
        }
        let records = handler.records
        let opened = records.first { $0.message == "Database opened" }

        #expect(opened?.level == .debug)
        #expect(opened?.metadata["db.path"]?.hasSuffix("test.sqlite") == true)
        #expect(records.contains { $0.message == "Migration applied" && $0.level == .info })
        #expect(!records.contains { "\($0)".contains("secret-value") })
    }

    private func names(_ database: Database) throws -> [String] {
        try database.read { connection in
            try connection.query("SELECT name FROM items ORDER BY name").compactMap {
                $0.value("name", as: String.self)
            }
        }
    }
}
