/// A value that components receive from whoever creates them, so request metadata flows
/// down and tests can capture each server's output separately. Never global.
public struct Logger: Sendable {
    /// The component name printed on each line.
    public var label: String
    /// Events below this level are dropped before their message is even built.
    public var level: LogLevel
    /// Pairs added to every event of this logger (for example `request.id`).
    public var metadata: [String: String]
    /// Where records go.
    public let handler: any LogHandler

    /// Creates a logger that writes to `handler`.
    public init(
        label: String,
        level: LogLevel = .info,
        metadata: [String: String] = [:],
        handler: any LogHandler
    ) {
        self.label = label
        self.level = level
        self.metadata = metadata
        self.handler = handler
    }

    /// A logger that drops everything, for callers that have nothing to say.
    public static func disabled(label: String = "disabled") -> Logger {
        Logger(label: label, level: .critical, handler: DiscardingLogHandler())
    }

    /// A copy with another label, sharing handler, level and metadata.
    public func labelled(_ label: String) -> Logger {
        var copy = self
        copy.label = label
        return copy
    }

    /// A copy with one more metadata pair.
    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata[key] = value
        return copy
    }

    /// Whether an event at `level` would be written; lets callers skip costly work.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= self.level
    }

    /// Logs an event; the message and metadata are only built when the level is enabled.
    public func log(
        _ level: LogLevel,
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        guard isEnabled(level) else { return }

        var merged = metadata()
        for (key, value) in self.metadata where merged[key] == nil { merged[key] = value }
        handler.write(
            LogRecord(
                timestamp: Timestamp.now(),
                level: level,
                label: label,
                message: message(),
                metadata: merged
            )
        )
    }

    /// Internal state, useful only when chasing a bug.
    public func trace(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.trace, message(), metadata: metadata())
    }

    /// Connection events and decisions worth seeing while debugging.
    public func debug(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.debug, message(), metadata: metadata())
    }

    /// Lifecycle and access lines.
    public func info(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.info, message(), metadata: metadata())
    }

    /// Something unusual that needs no action yet.
    public func notice(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.notice, message(), metadata: metadata())
    }

    /// Something that may need action.
    public func warning(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.warning, message(), metadata: metadata())
    }

    /// A failure the server survived, such as an unexpected error answered with a 500.
    public func error(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.error, message(), metadata: metadata())
    }

    /// A failure that stops the server.
    public func critical(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(.critical, message(), metadata: metadata())
    }
}

/// Drops every record.
struct DiscardingLogHandler: LogHandler {
    func write(_ record: LogRecord) {}
}
