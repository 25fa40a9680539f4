import Foundation
import Storage
import TestSupport
import Testing

@Suite("Migrations are applied once, in order, each in its own transaction")
struct MigratorTests {
    /// Writes `files` (name to SQL) into a new `migrations` folder of `directory`.
    private func migrationsFolder(
        in directory: TemporaryDirectory,
        _ files: [String: String]
    ) throws -> String {
        let folder = directory.file(named: "migrations")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, sql) in files {
            try sql.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        return folder
    }

    private func tableNames(_ database: Database) throws -> [String] {
        try database.read { connection in
            try connection.query(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
            ).compactMap { $0.value("name", as: String.self) }
        }
    }

    @Test("a first run applies all, a second applies nothing, a new file applies alone")
    func appliesOnlyNewMigrations() throws {
        try withDatabase { database, directory in
            let folder = try migrationsFolder(
                in: directory,
                [
                    "0001_organisations.sql": "CREATE TABLE organisations (id INTEGER);",
                    "0002_leads.sql": "CREATE TABLE leads (id INTEGER);\n-- trailing comment\n",
                ]
            )

            let first = try Migrator(migrations: Migrator.loadMigrations(fromDirectory: folder))
                .migrate(database)
            let second = try Migrator(migrations: Migrator.loadMigrations(fromDirectory: folder))
                .migrate(database)

            try "CREATE TABLE clients (id INTEGER); CREATE INDEX clients_id ON clients (id);"
                .write(toFile: folder + "/0003_clients.sql", atomically: true, encoding: .utf8)
            let third = try Migrator(migrations: Migrator.loadMigrations(fromDirectory: folder))
                .migrate(database)

            let recorded = try database.read { connection in
                try connection.query("SELECT version, name, applied_at FROM schema_migrations")
            }

            #expect(first.map(\.label) == ["0001_organisations", "0002_leads"])
            #expect(second.isEmpty)
            #expect(third.map(\.label) == ["0003_clients"])
            #expect(recorded.map { $0["name"] } == ["organisations", "leads", "clients"])
            #expect(recorded.map { $0["version"] } == [1, 2, 3])
            #expect(recorded.allSatisfy { $0.value("applied_at", as: String.self) != nil })
            #expect(try tableNames(database).contains("clients"))
        }
    }

    @Test("a failing migration leaves neither its tables nor its record, and is named")
    func failingMigrationRollsBack() throws {
        try withDatabase { database, _ in
            let migrator = Migrator(migrations: [
                Migration(
                    version: 1,
                    name: "organisations",
                    sql: "CREATE TABLE organisations (id);"
                ),
                Migration(
                    version: 2,
                    name: "broken",
                    sql: "CREATE TABLE leads (id INTEGER);\nCREATE TABLE oops (id INTEGR,);"
                ),
                Migration(version: 3, name: "later", sql: "CREATE TABLE later (id INTEGER);"),
            ])

            let error = databaseError { _ = try migrator.migrate(database) }
            let versions = try database.read { connection in
                try connection.query("SELECT version FROM schema_migrations").map { $0[0] }
            }
            let tables = try tableNames(database)

            #expect(error?.message.contains("Migration 0002_broken failed") == true)
            #expect(error?.resultCode == .SQLITE_ERROR)
            #expect(versions == [1])
            #expect(!tables.contains("leads"))
            #expect(!tables.contains("later"))
            #expect(tables.contains("organisations"))
        }
    }

    @Test("files load sorted by number, and a badly named file is an error naming it")
    func loadingFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let folder = try migrationsFolder(
            in: directory,
            [
                "0010_tenth.sql": "SELECT 10;",
                "0002_second-step.sql": "SELECT 2;",
                "0001_first.sql": "SELECT 1;",
                ".gitkeep": "",
                "README.md": "Not a migration.",
            ]
        )
        let loaded = try Migrator.loadMigrations(fromDirectory: folder)

        #expect(loaded.map(\.version) == [1, 2, 10])
        #expect(loaded.map(\.name) == ["first", "second-step", "tenth"])
        #expect(loaded.first?.sql == "SELECT 1;")

        for badName in ["notes.sql", "0003_.sql", "x003_third.sql", "0003_thi rd.sql"] {
            let error = try loadingError(["0001_first.sql": "SELECT 1;", badName: "SELECT 3;"])
            #expect(error?.message.contains(badName) == true, "\(badName) was accepted")
        }

        let duplicate = try loadingError([
            "0001_first.sql": "SELECT 1;", "1_again.sql": "SELECT 1;",
        ])
        #expect(duplicate?.message.contains("1_again.sql") == true)

        let missing = databaseError {
            _ = try Migrator.loadMigrations(fromDirectory: folder + "/none")
        }
        #expect(missing != nil)
    }

    @Test("a migration built from a file name and text parses the name the same way")
    func migrationFromFileName() throws {
        let migration = try Migration(fileName: "0007_add_notes.sql", sql: "SELECT 7;")
        let error = databaseError { _ = try Migration(fileName: "add_notes.sql", sql: "") }

        #expect(migration == Migration(version: 7, name: "add_notes", sql: "SELECT 7;"))
        #expect(migration.label == "0007_add_notes")
        #expect(error?.message.contains("add_notes.sql") == true)
    }

    /// The error from loading a folder holding `files`, or `nil` if it loads.
    private func loadingError(_ files: [String: String]) throws -> DatabaseError? {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let folder = try migrationsFolder(in: directory, files)
        return databaseError { _ = try Migrator.loadMigrations(fromDirectory: folder) }
    }

    @Test("the project's own migrations apply cleanly")
    func projectMigrations() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let migrations = try Migrator.loadMigrations(
            fromDirectory: root.appendingPathComponent("migrations").path
        )

        try withDatabase { database, _ in
            let applied = try Migrator(migrations: migrations).migrate(database)
            #expect(applied.count == migrations.count)
            #expect(!migrations.isEmpty)
            #expect(try tableNames(database).contains("schema_migrations"))
        }
    }
}
