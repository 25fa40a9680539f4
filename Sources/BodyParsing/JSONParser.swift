/// Turns a request body into a `JSONValue` accepting exactly what Python's `json.loads`
/// accepts, so a client sees the same success or the same 400 as from the real backend.
///
/// The body is first checked as UTF-8 the way DRF's stream reader decodes it, then scanned
/// without recursion, so no input can exhaust the stack.
///
/// A lone UTF-16 surrogate escape (`"\ud800"`) is kept by Python but cannot live in a Swift
/// `String`; it becomes its `LoneSurrogate` stand-in, so DRF's refusal can be given.
public enum JSONParser {
    /// Parses a complete JSON text.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 body.
    ///   - maximumDepth: How many arrays and objects may nest before the body is refused.
    /// - Throws: `JSONParseError` with Python's wording.
    public static func parse(
        _ bytes: [UInt8],
        maximumDepth: Int = 512
    ) throws(JSONParseError) -> JSONValue {
        try parse(bytes, options: JSONParsingOptions(maximumDepth: maximumDepth))
    }

    /// Parses a complete JSON text with explicit limits, for example
    /// `JSONParsingOptions.djangoRESTFramework` to refuse what DRF refuses.
    public static func parse(
        _ bytes: [UInt8],
        options: JSONParsingOptions
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            try parse(buffer, options: options)
        }
    }

    /// Parses a body in the charset its request named, as DRF's parser reads it through a
    /// decoding stream; a byte the charset cannot decode fails as Python's codec fails.
    public static func parse(
        _ bytes: [UInt8],
        charset: BodyCharset,
        options: JSONParsingOptions
    ) throws(JSONParseError) -> JSONValue {
        switch charset.transcodedToUTF8(bytes) {
        case .success(let text):
            return try parse(text, options: options)
        case .failure(let failure):
            throw bytes.withUnsafeBufferPointer { buffer in
                JSONParseError(unpositioned: failure.message, atByte: failure.position, in: buffer)
            }
        }
    }

    /// Parses from borrowed memory, so a caller holding the body in a buffer avoids a copy.
    public static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        options: JSONParsingOptions
    ) throws(JSONParseError) -> JSONValue {
        let validCount: Int
        switch UTF8Validation.validate(buffer) {
        case .valid(let count):
            validCount = count
        case .invalid(let position, let length, let reason):
            throw JSONParseError(
                unpositioned: UTF8Validation.pythonMessage(
                    bytes: buffer,
                    position: position,
                    length: length,
                    reason: reason
                ),
                atByte: position,
                in: buffer
            )
        }

        // A cut-off sequence at the very end is held back by Python's stream reader and
        // never reaches the JSON decoder, so it is dropped here too.
        let text = UnsafeBufferPointer(rebasing: buffer[..<validCount])
        if text.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw JSONParseError(
                "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                atByte: 0,
                in: text
            )
        }

        var scanner = JSONScanner(bytes: text, options: options)
        return try scanner.parseDocument()
    }
}
