/// Why a JSON body was refused, worded exactly as Python's `json.JSONDecodeError` so the
/// DRF-shaped 400 (`"JSON parse error - <message>"`) matches the real backend byte for byte.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The full Python text, position suffix included, for example
    /// `"Expecting value: line 1 column 1 (char 0)"`.
    public var message: String

    /// The 1-based line of the failure, counted as Python counts (after `\n` only).
    public var line: Int

    /// The 1-based column of the failure, in characters (code points), not bytes.
    public var column: Int

    /// The 0-based character offset of the failure, in code points, as Python reports it.
    public var offset: Int

    /// Creates an error from its parts; `message` must already carry the position suffix.
    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The Python message, so string interpolation of the error reads like the backend's.
    public var description: String { message }
}

extension JSONParseError {
    /// Builds Python's `"<reason>: line L column C (char N)"` for a failure at `byteOffset`.
    ///
    /// Python counts characters, not bytes, so the position is converted here, only once a
    /// body has already failed, keeping the successful path free of the work.
    init(_ reason: String, atByte byteOffset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let position = Self.position(ofByte: byteOffset, in: bytes)
        self.init(
            message: reason
                + ": line \(position.line) column \(position.column) (char \(position.offset))",
            line: position.line,
            column: position.column,
            offset: position.offset
        )
    }

    /// Builds an error whose Python text carries no position (a decoding failure or a
    /// `ValueError` from a number), while the fields still locate it for logs.
    init(unpositioned message: String, atByte byteOffset: Int, in bytes: UnsafeBufferPointer<UInt8>)
    {
        let position = Self.position(ofByte: byteOffset, in: bytes)
        self.init(
            message: message,
            line: position.line,
            column: position.column,
            offset: position.offset
        )
    }

    /// Line, column and character offset as `json.JSONDecodeError` derives them: lines
    /// split on `\n` only, columns and offsets counted in code points.
    private static func position(
        ofByte byteOffset: Int,
        in bytes: UnsafeBufferPointer<UInt8>
    ) -> (line: Int, column: Int, offset: Int) {
        var characters = 0
        var newlines = 0
        var lastNewlineCharacter = -1

        for byte in bytes[..<min(byteOffset, bytes.count)] where byte & 0xC0 != 0x80 {
            if byte == UInt8(ascii: "\n") {
                newlines += 1
                lastNewlineCharacter = characters
            }
            characters += 1
        }
        return (newlines + 1, characters - lastNewlineCharacter, characters)
    }
}
