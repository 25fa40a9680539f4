/// Where log records go. Handlers must be safe to call from any thread, because the
/// event loops and the threads answering blocking requests log concurrently.
public protocol LogHandler: Sendable {
    /// Writes one record; must not throw and should not block for long.
    func write(_ record: LogRecord)
}
