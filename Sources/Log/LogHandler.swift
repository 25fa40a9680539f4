/// Where log records go. Handlers must be safe to call from any thread, because every
/// connection queue and the database queue log concurrently.
public protocol LogHandler: Sendable {
    /// Writes one record; must not throw and should not block for long.
    func write(_ record: LogRecord)
}
