import Credentials
import Foundation
import LeadsAPI
import Log
import TestSupport

/// A real leads-server on 127.0.0.1 with a fresh SQLite file and the standard test
/// fixtures, spoken to over sockets.
final class APITestServer {
    let directory: TemporaryDirectory
    let application: Application
    let configuration: ServerConfiguration
    let port: Int
    let logs = InMemoryLogHandler()

    /// Starts a server logging from `logLevel` up; `configure` may change any setting
    /// before start-up.
    init(
        fixtures: String = TestFixtures.standard,
        logLevel: LogLevel = .debug,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws {
        directory = try TemporaryDirectory()
        let fixturesPath = directory.file(named: "fixtures.json")
        try Data(fixtures.utf8).write(to: URL(fileURLWithPath: fixturesPath))

        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.databasePath = directory.file(named: "leads.sqlite3")
        configuration.fixturesPath = fixturesPath
        configuration.passwordIterations = 1_000
        configuration.shutdownGracePeriod = 2
        configure(&configuration)
        self.configuration = configuration

        let logger = Logger(label: "test", level: logLevel, handler: logs)
        application = try Application(configuration: configuration, logger: logger)
        port = try application.start()
    }

    /// A new connection to the server.
    func client() throws -> RawHTTPClient {
        try RawHTTPClient(port: port)
    }

    /// Sends one request on a new connection and returns the response.
    func request(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: String = ""
    ) throws -> ClientResponse {
        let client = try client()
        defer { client.close() }
        return try client.request(
            method: method,
            path: path,
            headers: headers,
            body: Array(body.utf8)
        )
    }

    /// Sends a request authenticated with HTTP Basic as `username`.
    func request(
        _ method: String,
        _ path: String,
        as username: String,
        password: String? = nil,
        headers: [(String, String)] = [],
        body: String = ""
    ) throws -> ClientResponse {
        let credentials = "\(username):\(password ?? username + "-pass")"
        let authorization = "Basic " + Base64.encode(Array(credentials.utf8))
        return try request(
            method,
            path,
            headers: [("Authorization", authorization)] + headers,
            body: body
        )
    }

    /// Sends a JSON body authenticated with HTTP Basic as `username`.
    func json(
        _ method: String,
        _ path: String,
        as username: String,
        body: String
    ) throws -> ClientResponse {
        try request(
            method,
            path,
            as: username,
            headers: [("Content-Type", "application/json")],
            body: body
        )
    }

    /// Stops the server and removes its files.
    func stop() {
        application.shutdown()
        directory.remove()
    }

    deinit {
        directory.remove()
    }
}

/// The path of the Leads collection of `organisation`.
func leadsPath(_ organisation: String = "org-a", _ suffix: String = "") -> String {
    "/api/v1.0/organisation/\(organisation)/leads/\(suffix)"
}
