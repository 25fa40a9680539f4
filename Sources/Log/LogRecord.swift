/// One event as a handler receives it: everything needed to print a single line.
public struct LogRecord: Sendable {
    /// Seconds since the Unix epoch, with sub-second precision.
    public var timestamp: Double
    /// How much the event matters.
    public var level: LogLevel
    /// The component that logged it (`leads-server`, `http`, `storage`).
    public var label: String
    /// A constant, human sentence; the variable parts belong in `metadata`.
    public var message: String
    /// Dotted `key=value` pairs such as `http.status=200`.
    public var metadata: [String: String]

    /// Creates a record; handlers and tests build these, loggers fill in the timestamp.
    public init(
        timestamp: Double,
        level: LogLevel,
        label: String,
        message: String,
        metadata: [String: String]
    ) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }
}
