import Locking

/// Keeps records in memory so tests can assert on what was logged without reading stderr.
public final class InMemoryLogHandler: LogHandler {
    private let storage = Locked<[LogRecord]>([])

    /// Creates an empty handler.
    public init() {}

    /// Appends the record.
    public func write(_ record: LogRecord) {
        storage.withLock { $0.append(record) }
    }

    /// Everything written so far, oldest first.
    public var records: [LogRecord] {
        storage.withLock { $0 }
    }
}
