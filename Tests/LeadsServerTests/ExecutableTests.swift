import Foundation
import TestSupport
import Testing

/// Runs the built `leads-server` binary as a user would: flags, exit codes, start-up,
/// health check and a clean stop on SIGTERM.
@Suite struct ExecutableTests {
    @Test func helpListsEveryOptionWithItsEnvironmentVariable() throws {
        let result = try ServerProcess.run(["--help"])

        #expect(result.status == 0)
        for option in ["--host", "--port", "--database", "--fixtures", "--log-level", "--config"] {
            #expect(result.standardOutput.contains(option))
        }
        #expect(result.standardOutput.contains("LEADS_SERVER_PORT"))
        #expect(result.standardOutput.contains("Default: 8000"))
        #expect(result.standardError.isEmpty)
    }

    @Test func commandHelpDescribesTheCommand() throws {
        let result = try ServerProcess.run(["migrate", "--help"])

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Usage: leads-server migrate"))
    }

    @Test func loadFixturesHelpNeedsNoPath() throws {
        let result = try ServerProcess.run(["load-fixtures", "--help"])

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Usage: leads-server load-fixtures <file>"))
        #expect(result.standardError.isEmpty)
    }

    @Test func loadFixturesWithoutAPathIsRefused() throws {
        let result = try ServerProcess.run(["load-fixtures"])

        #expect(result.status == 2)
        #expect(result.standardError.contains("load-fixtures needs the path of a fixtures file"))
    }

    @Test func versionPrintsOnStandardOutput() throws {
        let result = try ServerProcess.run(["version"])

        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("leads-server "))
    }

    @Test func badPortIsRefusedWithExitTwoAndAMessageNamingTheSetting() throws {
        let result = try ServerProcess.run(["--port", "eighty"])

        #expect(result.status == 2)
        #expect(result.standardError.contains("--port must be a number from 0 to 65535"))
        #expect(result.standardError.contains("LEADS_SERVER_PORT"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func tooManyPasswordIterationsAreRefusedBeforeStartUp() throws {
        let result = try ServerProcess.run(["--password-iterations", "50000000"])

        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "--password-iterations must be a number from 1 to 10000000 (got \"50000000\")"
            )
        )
        #expect(result.standardError.contains("LEADS_SERVER_PASSWORD_ITERATIONS"))
    }

    @Test func hostThatIsNotAnAddressIsRefusedBeforeTheDatabaseIsTouched() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")

        let result = try ServerProcess.run(["--host", "foo", "--database", database])

        #expect(result.status == 2)
        #expect(result.standardError.contains("--host must be an IPv4 address"))
        #expect(result.standardError.contains("(got \"foo\")"))
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func badEnvironmentValueIsRefused() throws {
        let result = try ServerProcess.run(
            ["serve"],
            environment: ["LEADS_SERVER_LOG_LEVEL": "loud"]
        )

        #expect(result.status == 2)
        #expect(result.standardError.contains("LEADS_SERVER_LOG_LEVEL must be one of"))
        #expect(result.standardError.contains("(got \"loud\")"))
    }

    @Test func badConfigFileValueNamesTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = directory.file(named: "leads-server.json")
        try Data(#"{"port": "x"}"#.utf8).write(to: URL(fileURLWithPath: config))

        let result = try ServerProcess.run(["serve", "--config", config])

        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "port in \(config) must be a number from 0 to 65535 (got \"x\")"
            )
        )
    }

    @Test func unknownOptionIsRefused() throws {
        let result = try ServerProcess.run(["--colour", "blue"])

        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown option --colour"))
    }

    @Test func servesHealthAndStopsCleanlyOnSIGTERM() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try ServerProcess.start([
            "serve", "--port", "0", "--database", directory.file(named: "leads.sqlite3"),
        ])

        let port = try server.waitForPort()
        let client = try RawHTTPClient(port: port)
        let response = try client.request(path: "/healthz")
        client.close()
        #expect(response.status == 200)
        #expect(response.text == "{\"status\":\"ok\"}")

        let status = server.terminate()
        #expect(status == 0)
        #expect(server.standardError.contains("Stopped"))
    }

    @Test func migrateCreatesTheSchemaAndExits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")

        let first = try ServerProcess.run(["migrate", "--database", database])
        let second = try ServerProcess.run(["migrate", "--database", database])

        #expect(first.status == 0)
        #expect(first.standardError.contains("db.migrations_applied=0001_initial"))
        #expect(second.status == 0)
        #expect(second.standardError.contains("db.migrations_applied=none"))
    }
}
