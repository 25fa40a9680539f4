import LeadsAPI
import Log
import Testing

@Suite struct ConfigurationTests {
    private func load(
        _ arguments: [String],
        environment: [String: String] = [:],
        files: [String: String] = [:]
    ) throws(ConfigurationError) -> Invocation {
        try ConfigurationLoader(
            arguments: arguments,
            environment: environment,
            readFile: { path in files[path].map { Array($0.utf8) } }
        ).load()
    }

    @Test func defaultsApplyWithNoInput() throws {
        let invocation = try load([])

        #expect(invocation.command == .serve)
        #expect(invocation.configuration == ServerConfiguration())
        #expect(invocation.configuration.port == 8000)
        #expect(invocation.configuration.host == "127.0.0.1")
        #expect(invocation.configuration.databasePath == "leads-server.sqlite3")
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws {
        let file = #"{"port": 7000, "host": "0.0.0.0", "log_level": "debug"}"#
        let invocation = try load(
            ["serve", "--port", "9000"],
            environment: ["LEADS_SERVER_PORT": "8500", "LEADS_SERVER_HOST": "127.0.0.2"],
            files: ["config/leads-server.json": file]
        )

        #expect(invocation.configuration.port == 9000)
        #expect(invocation.configuration.host == "127.0.0.2")
        #expect(invocation.configuration.logLevel == .debug)
    }

    @Test func equalsSignFormAndExplicitConfigPath() throws {
        let invocation = try load(
            ["--config=custom.json", "--log-format=json"],
            files: ["custom.json": #"{"database": "/tmp/x.sqlite3"}"#]
        )

        #expect(invocation.configuration.databasePath == "/tmp/x.sqlite3")
        #expect(invocation.configuration.logFormat == .json)
    }

    @Test func badValuesNameTheSettingAndTheFix() {
        #expect(throws: ConfigurationError.self) { try load(["--port", "70000"]) }
        do {
            _ = try load(["--port", "abc"])
            Issue.record("expected a refusal")
        } catch {
            #expect(
                error.message
                    == "--port must be a number from 0 to 65535 (got \"abc\"); set it with "
                    + "--port, LEADS_SERVER_PORT or \"port\" in the config file."
            )
        }
    }

    @Test func passwordIterationsStopAtTheHashersLimit() throws {
        let largest = try load(["--password-iterations", "10000000"])

        #expect(largest.configuration.passwordIterations == 10_000_000)
        #expect(throws: ConfigurationError.self) {
            try load(["--password-iterations", "10000001"])
        }
    }

    @Test func hostMustBeAnAddressTheListenerCanBind() throws {
        for host in ["0.0.0.0", "127.0.0.1", "10.1.2.3", "localhost"] {
            #expect(try load(["--host", host]).configuration.host == host)
        }
        for host in ["foo", "::1", "256.0.0.1", "127.1", " 127.0.0.1", ""] {
            #expect(throws: ConfigurationError.self) { try load(["--host", host]) }
        }
    }

    @Test func badEnvironmentAndFileValuesAreRefused() {
        #expect(throws: ConfigurationError.self) {
            try load([], environment: ["LEADS_SERVER_IDLE_TIMEOUT": "-1"])
        }
        #expect(throws: ConfigurationError.self) {
            try load([], files: ["config/leads-server.json": #"{"colour": "blue"}"#])
        }
        #expect(throws: ConfigurationError.self) {
            try load([], files: ["config/leads-server.json": "{not json"])
        }
        #expect(throws: ConfigurationError.self) {
            try load(["--config", "missing.json"])
        }
    }

    @Test func refusalsNameTheEnvironmentVariableOrTheFileTheValueCameFrom() {
        do {
            _ = try load([], environment: ["LEADS_SERVER_PORT": "x"])
            Issue.record("expected a refusal")
        } catch {
            #expect(
                error.message
                    == "LEADS_SERVER_PORT must be a number from 0 to 65535 (got \"x\"); "
                    + "correct or unset LEADS_SERVER_PORT, or override it with --port."
            )
        }

        do {
            _ = try load([], files: ["config/leads-server.json": #"{"admin_api": "maybe"}"#])
            Issue.record("expected a refusal")
        } catch {
            #expect(
                error.message
                    == "admin_api in config/leads-server.json must be on or off "
                    + "(got \"maybe\"); correct \"admin_api\" in config/leads-server.json, "
                    + "or override it with --admin-api or LEADS_SERVER_ADMIN_API."
            )
        }
    }

    @Test func originsRecordWhereEachSettingCameFrom() throws {
        let invocation = try load(
            ["--port", "9000"],
            environment: ["LEADS_SERVER_HOST": "0.0.0.0"],
            files: ["config/leads-server.json": #"{"database": "a.sqlite3"}"#]
        )

        #expect(invocation.origin(of: Setting.named("--port")!) == .commandLine)
        #expect(invocation.origin(of: Setting.named("--host")!) == .environment)
        #expect(
            invocation.origin(of: Setting.named("--database")!)
                == .configFile(path: "config/leads-server.json")
        )
        #expect(invocation.origin(of: Setting.named("--log-level")!) == .builtInDefault)
    }

    @Test func wholeJSONNumbersAreAcceptedForIntegerSettings() throws {
        let file = #"{"port": 8000.0, "journal_size": 1e2, "idle_timeout": 2.5}"#
        let invocation = try load([], files: ["config/leads-server.json": file])

        #expect(invocation.configuration.port == 8000)
        #expect(invocation.configuration.journalSize == 100)
        #expect(invocation.configuration.idleTimeout == 2.5)
        #expect(throws: ConfigurationError.self) {
            try load([], files: ["config/leads-server.json": #"{"port": 8000.5}"#])
        }
    }

    @Test func relativePathsInTheConfigFileStayRelativeToTheWorkingDirectory() throws {
        let file = #"{"database": "data/leads.sqlite3", "fixtures": "config/demo.json"}"#
        let invocation = try load(
            ["--config", "deploy/leads-server.json"],
            files: ["deploy/leads-server.json": file]
        )

        #expect(invocation.configuration.databasePath == "data/leads.sqlite3")
        #expect(invocation.configuration.fixturesPath == "config/demo.json")
    }

    @Test func commandsAndHelp() throws {
        #expect(try load(["migrate"]).command == .migrate)
        #expect(try load(["version"]).command == .version)
        #expect(try load(["load-fixtures", "f.json"]).command == .loadFixtures(path: "f.json"))
        #expect(try load(["--help"]).command == .help(command: nil))
        #expect(try load(["migrate", "-h"]).command == .help(command: "migrate"))
        #expect(try load(["load-fixtures", "--help"]).command == .help(command: "load-fixtures"))
        #expect(try load(["load-fixtures", "-h"]).command == .help(command: "load-fixtures"))
        #expect(throws: ConfigurationError.self) { try load(["launch"]) }
        #expect(throws: ConfigurationError.self) { try load(["load-fixtures"]) }
        #expect(throws: ConfigurationError.self) { try load(["--port"]) }
    }

    @Test func helpShowsEveryOptionWithDefaultAndVariable() {
        let text = HelpText.render(command: nil)
        for setting in Setting.all {
            #expect(text.contains(setting.flag))
            #expect(text.contains(setting.environmentVariable))
        }
        #expect(text.contains("Default: 127.0.0.1"))
    }
}
