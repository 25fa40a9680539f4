/// Reads `multipart/form-data` bodies (RFC 7578) into fields and files, with the field
/// limits and the boundary rule of Django's `MultiPartParser`.
///
/// Stricter than Django where a silent loss would hide a client bug: a body without the
/// boundary, without the closing boundary, or with a part lacking headers, a
/// `Content-Disposition` or a name is refused instead of yielding fewer fields. Lines must
/// end with CRLF. A part is a file when its `filename` is not empty, as in Django.
public enum MultipartParser {
    /// The most fields Django accepts by default (`DATA_UPLOAD_MAX_NUMBER_FIELDS`); files do
    /// not count.
    public static let maximumFieldCount = 1000

    /// The most field bytes Django accepts by default (`DATA_UPLOAD_MAX_MEMORY_SIZE`),
    /// counted as Django does: each value plus its name plus two.
    public static let maximumFieldBytes = 2_621_440

    /// Parses a body described by its `Content-Type`, reporting a missing boundary with
    /// Django's words (`"Invalid boundary in multipart: None"`).
    public static func parse(
        _ bytes: [UInt8],
        contentType: MediaType
    ) throws(FormParseError) -> FormData {
        guard contentType.type == "multipart" else {
            throw FormParseError(message: "Invalid Content-Type: \(contentType)")
        }
        guard let boundary = contentType.parameter("boundary") else {
            throw FormParseError(message: "Invalid boundary in multipart: None")
        }
        return try parse(bytes, boundary: boundary)
    }

    /// Parses a multipart body delimited by `boundary`; an empty body has no fields.
    public static func parse(
        _ bytes: [UInt8],
        boundary: String
    ) throws(FormParseError) -> FormData {
        guard isAcceptedBoundary(boundary) else {
            throw FormParseError(message: "Invalid boundary in multipart: \(boundary)")
        }
        guard !bytes.isEmpty else { return FormData() }

        return try bytes.withUnsafeBufferPointer { buffer throws(FormParseError) in
            var reader = MultipartReader(bytes: buffer, delimiter: Array("--\(boundary)".utf8))
            return try reader.read()
        }
    }

    /// Django's boundary rule: the value must start with up to 200 printable ASCII
    /// characters followed by one that is not a space.
    private static func isAcceptedBoundary(_ boundary: String) -> Bool {
        for (position, byte) in boundary.utf8.enumerated() {
            guard position <= 200, byte >= 0x20, byte <= 0x7E else { return false }
            if byte != UInt8(ascii: " ") { return true }
        }
        return false
    }
}

/// The byte-level work behind `MultipartParser`.
private struct MultipartReader {
    /// A delimiter line found in the body.
    struct DelimiterLine {
        /// Where the line's leading CRLF (or the line itself, at the start) begins.
        var start: Int

        /// The first byte after the line.
        var end: Int

        /// Whether this is the closing `--boundary--` line.
        var isClosing: Bool
    }

    /// The whole body.
    let bytes: UnsafeBufferPointer<UInt8>

    /// `--` followed by the boundary.
    let delimiter: [UInt8]

    /// Fields and files read so far.
    private var form = FormData()

    /// Field bytes counted against `maximumFieldBytes`.
    private var fieldBytes = 0

    /// Creates a reader.
    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: [UInt8]) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// Reads every part between the first delimiter and the closing one.
    mutating func read() throws(FormParseError) -> FormData {
        guard var line = firstDelimiterLine() else {
            throw FormParseError(message: "Multipart body does not contain its boundary")
        }

        while !line.isClosing {
            guard let next = nextDelimiterLine(from: line.end) else {
                throw FormParseError(message: "Multipart body ends without its closing boundary")
            }
            try readPart(line.end..<next.start)
            line = next
        }
        return form
    }

    /// The first delimiter line, at the very start or after a preamble line.
    private func firstDelimiterLine() -> DelimiterLine? {
        if let line = delimiterLine(at: 0, start: 0) { return line }
        return nextDelimiterLine(from: 0)
    }

    /// The next CRLF followed by a delimiter line, searching from `position`.
    private func nextDelimiterLine(from position: Int) -> DelimiterLine? {
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A,
                let line = delimiterLine(at: index + 2, start: index)
            {
                return line
            }
            index += 1
        }
        return nil
    }

    /// The delimiter line beginning at `position`, if one does: the delimiter, then `--`
    /// for the closing line, or optional spaces and tabs and a CRLF.
    private func delimiterLine(at position: Int, start: Int) -> DelimiterLine? {
        guard bytes.count - position >= delimiter.count else { return nil }
        for offset in 0..<delimiter.count where bytes[position + offset] != delimiter[offset] {
            return nil
        }

        var index = position + delimiter.count
        if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "-")
            && bytes[index + 1] == UInt8(ascii: "-")
        {
            return DelimiterLine(start: start, end: index + 2, isClosing: true)
        }
        while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == 0x0D, bytes[index + 1] == 0x0A else {
            return nil
        }
        return DelimiterLine(start: start, end: index + 2, isClosing: false)
    }

    /// Reads one part: headers, a blank line, then the content.
    private mutating func readPart(_ range: Range<Int>) throws(FormParseError) {
        let headerEnd = try endOfHeaders(in: range)
        let headers = try readHeaders(range.lowerBound..<headerEnd.lineEnd)
        let content = Array(bytes[headerEnd.contentStart..<range.upperBound])

        guard let disposition = headers.disposition else {
            throw FormParseError(message: "Multipart part has no Content-Disposition header")
        }
        let (_, parameters) = HeaderParameters.parse(disposition[...])
        guard let rawName = parameters.first(where: { $0.name == "name" })?.value else {
            throw FormParseError(message: "Multipart part has no name in its Content-Disposition")
        }
        let name = HeaderParameters.pythonStripped(rawName[...])

        if let fileName = parameters.first(where: { $0.name == "filename" })?.value,
            !fileName.isEmpty
        {
            form.files.append(
                MultipartFile(
                    fieldName: name,
                    fileName: fileName,
                    contentType: headers.contentType,
                    content: content
                )
            )
            return
        }

        guard form.fields.count < MultipartParser.maximumFieldCount else {
            throw FormParseError(message: URLEncodedFormParser.tooManyFieldsMessage)
        }
        fieldBytes += content.count + name.count + 2
        guard fieldBytes <= MultipartParser.maximumFieldBytes else {
            throw FormParseError(
                message: "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
            )
        }
        // TODO: a part `charset` other than UTF-8 and `Content-Transfer-Encoding: base64`
        // are not decoded; browsers send neither, and Django ignores the former too.
        form.fields.append((name, String(decoding: content, as: UTF8.self)))
    }

    /// Where the header block of a part ends: at the first blank line, or at the end of a
    /// part that holds only header lines (an empty value whose blank line doubles as the
    /// delimiter's CRLF).
    private func endOfHeaders(
        in range: Range<Int>
    ) throws(FormParseError) -> (lineEnd: Int, contentStart: Int) {
        guard range.count >= 2,
            !(bytes[range.lowerBound] == 0x0D && bytes[range.lowerBound + 1] == 0x0A)
        else { throw FormParseError(message: "Multipart part has no headers") }

        var index = range.lowerBound
        while index + 3 < range.upperBound {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D
                && bytes[index + 3] == 0x0A
            {
                return (index, index + 4)
            }
            index += 1
        }
        guard bytes[range.upperBound - 2] == 0x0D, bytes[range.upperBound - 1] == 0x0A else {
            throw FormParseError(message: "Multipart part headers are not followed by a blank line")
        }
        return (range.upperBound - 2, range.upperBound)
    }

    /// Reads `Name: value` lines, keeping the two headers a form part needs; a later
    /// duplicate replaces an earlier one, as in Django.
    private func readHeaders(
        _ range: Range<Int>
    ) throws(FormParseError) -> (disposition: String?, contentType: String?) {
        var disposition: String?
        var contentType: String?
        var lineStart = range.lowerBound

        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound
                && !(bytes[lineEnd] == 0x0D && lineEnd + 1 < range.upperBound
                    && bytes[lineEnd + 1] == 0x0A)
            {
                lineEnd += 1
            }
            defer { lineStart = lineEnd + 2 }

            var colon = lineStart
            while colon < lineEnd && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon > lineStart, colon < lineEnd else {
                throw FormParseError(message: "Multipart part has a malformed header line")
            }

            let name = String(decoding: bytes[lineStart..<colon], as: UTF8.self).lowercased()
            let value = HeaderParameters.pythonStripped(
                String(decoding: bytes[(colon + 1)..<lineEnd], as: UTF8.self)[...]
            )
            switch name {
            case "content-disposition": disposition = value
            case "content-type": contentType = value
            default: break
            }
        }
        return (disposition, contentType)
    }
}
