import Foundation
import TestSupport
import Testing

/// Paths the operator gives that cannot be used are refused before anything is opened,
/// with exit status 2 and a message naming the setting as it was given and the fix.
@Suite struct ConfiguredPathTests {
    @Test func databaseInAMissingDirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file(named: "missing")

        let result = try ServerProcess.run(["migrate", "--database", missing + "/leads.sqlite3"])

        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "--database: the directory \(missing) does not exist; create it or choose "
                    + "another path"
            )
        )
        #expect(!result.standardError.contains("SQLite"))
    }

    @Test func databaseFromTheEnvironmentIsNamedByItsVariable() throws {
        let result = try ServerProcess.run(
            ["serve", "--port", "0"],
            environment: ["LEADS_SERVER_DATABASE": "/nonexistent-leads-server/leads.sqlite3"]
        )

        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "LEADS_SERVER_DATABASE: the directory /nonexistent-leads-server does not exist"
            )
        )
    }

    @Test func databasePathThatIsADirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let result = try ServerProcess.run(["migrate", "--database", directory.path])

        #expect(result.status == 2)
        #expect(result.standardError.contains("--database: \(directory.path) is a directory"))
    }

    @Test func missingMigrationsDirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")
        let migrations = directory.file(named: "migrations")

        let result = try ServerProcess.run([
            "migrate", "--database", database, "--migrations-dir", migrations,
        ])

        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "--migrations-dir: the directory \(migrations) does not exist"
            )
        )
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func missingFixturesFileIsRefusedBeforeTheDatabaseIsCreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")
        let fixtures = directory.file(named: "fixtures.json")

        let result = try ServerProcess.run([
            "serve", "--port", "0", "--database", database, "--fixtures", fixtures,
        ])

        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "--fixtures: the file \(fixtures) does not exist; create it or choose another "
                    + "path"
            )
        )
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func loadFixturesFromADirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")

        let result = try ServerProcess.run([
            "load-fixtures", directory.path, "--database", database,
        ])

        #expect(result.status == 2)
        #expect(result.standardError.contains("load-fixtures: \(directory.path) is a directory"))
    }

    @Test func invalidFixturesKeepTheirMessageAndExitTwo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")
        let fixtures = directory.file(named: "fixtures.json")
        try Data(#"{"colours": []}"#.utf8).write(to: URL(fileURLWithPath: fixtures))

        let serve = try ServerProcess.run([
            "serve", "--port", "0", "--database", database, "--fixtures", fixtures,
        ])
        let load = try ServerProcess.run(["load-fixtures", fixtures, "--database", database])

        for result in [serve, load] {
            #expect(result.status == 2)
            #expect(result.standardError.contains("fixtures file \(fixtures): unknown section"))
        }
    }
}
