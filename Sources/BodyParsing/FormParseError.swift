/// Why a form or multipart body was refused, worded so the caller can put it after DRF's
/// prefix (`"Multipart form parse error - "`).
public struct FormParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with the body.
    public var message: String

    /// Creates an error carrying `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message alone, so interpolation reads like the backend's text.
    public var description: String { message }
}
