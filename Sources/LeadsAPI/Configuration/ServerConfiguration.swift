public import Log

/// Everything an operator can set, with the built-in defaults. Loaded by
/// `ConfigurationLoader` from flags, environment, a JSON file and these defaults, in that
/// order of precedence; tests build one directly.
public struct ServerConfiguration: Sendable, Equatable {
    /// Address to listen on; `0.0.0.0` inside a container.
    public var host = "127.0.0.1"
    /// Port to listen on; 0 picks a free one and the start-up line says which.
    public var port = 8000
    /// SQLite file holding all data; created with its schema when missing.
    public var databasePath = "leads-server.sqlite3"
    /// A fixtures document loaded at start-up, or nil for none.
    public var fixturesPath: String?
    /// Largest request body accepted, in bytes; larger bodies are answered 413.
    public var maxBodySize = 1 << 20
    /// Seconds an idle keep-alive connection stays open.
    public var idleTimeout = 60.0
    /// Seconds a client has to send a complete request head.
    public var headerTimeout = 10.0
    /// Seconds in-flight requests get to finish after SIGTERM or SIGINT.
    public var shutdownGracePeriod = 10.0
    /// Lowest level written to the log.
    public var logLevel = LogLevel.info
    /// Text for people, JSON for collectors.
    public var logFormat = LogFormat.text
    /// PBKDF2 iterations for newly hashed passwords (Django's current default).
    public var passwordIterations = 870_000
    /// Seconds a login session lasts (Django's default: two weeks).
    public var sessionAge = 1_209_600
    /// Directory of numbered `.sql` migrations; nil uses the one shipped with the server.
    public var migrationsDirectory: String?

    /// Browser origins allowed to call the API with credentials; `:*` matches any port.
    public var corsOrigins = ["http://localhost:*", "http://127.0.0.1:*"]
    /// Whether the `/__admin/` API is served.
    public var adminAPIEnabled = true
    /// Bearer token of the admin API; nil generates a random one at start-up.
    public var adminToken: String?
    /// How many recent requests the journal keeps in memory.
    public var journalSize = 1000
    /// Whether `Prefer: code=...` and `Prefer: delay=...` request headers are obeyed.
    public var preferHeaderEnabled = true

    /// Creates the built-in defaults.
    public init() {}
}
