#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Writes each record as one line on standard error with a single `write` call, so lines
/// from concurrent queues never interleave and standard output stays free for what a
/// command was asked to print.
public struct StandardErrorLogHandler: LogHandler {
    /// Text for terminals, JSON for log collectors.
    public var format: LogFormat

    /// Creates a handler that renders in the given format.
    public init(format: LogFormat) {
        self.format = format
    }

    /// Renders and writes the record; a failed write is dropped because there is nowhere
    /// better to report it.
    public func write(_ record: LogRecord) {
        var bytes: [UInt8] = []
        format.append(record, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
