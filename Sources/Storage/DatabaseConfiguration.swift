/// Where the database lives and how its connections behave; a value so the application can
/// build it from flags and environment and tests can point it at a temporary file.
public struct DatabaseConfiguration: Sendable {
    /// The database file, created if missing; `":memory:"` for a private in-memory
    /// database, in which case readers share the writer's connection.
    public var path: String

    /// At most how many read-only connections serve `read` calls side by side; at least
    /// one. They open as concurrent reads need them, so an idle server holds only one.
    public var readerCount: Int

    /// How long a connection waits for another process's lock before failing with
    /// `SQLITE_BUSY`, in milliseconds.
    public var busyTimeoutMilliseconds: Int

    /// Creates a configuration; the defaults suit a small server on a few cores.
    public init(path: String, readerCount: Int = 16, busyTimeoutMilliseconds: Int = 5000) {
        self.path = path
        self.readerCount = readerCount
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// Whether the database is SQLite's private in-memory one, which other connections
    /// cannot open, so it gets no readers and no write-ahead log.
    var isInMemory: Bool { path == ":memory:" }
}
