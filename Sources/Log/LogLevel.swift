/// How much an event matters, from internal detail (`trace`) to a failure that stops the
/// process (`critical`). A logger drops every event below its own level.
public enum LogLevel: Int, Comparable, CaseIterable, Sendable {
    case trace
    case debug
    case info
    case notice
    case warning
    case error
    case critical

    /// The lower-case word used on the command line, in configuration and in log lines.
    public var name: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }

    /// Reads a level from its name, so `--log-level debug` and `"debug"` in a file agree.
    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name.lowercased() }) else {
            return nil
        }
        self = level
    }

    /// Orders levels by severity so `level >= logger.level` reads naturally.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
