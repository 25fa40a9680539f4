/// A setting that cannot be used, with a message that names the setting and the fix.
/// The executable prints the message and exits with status 2.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole sentence shown to the operator.
    public var message: String

    /// Creates an error with a complete, actionable message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message itself, so `"\(error)"` prints something a person can act on.
    public var description: String { message }
}
