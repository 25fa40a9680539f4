/// Decoding of `%XX` escapes in paths and query strings. Paths are decoded strictly (an
/// invalid escape makes the segment unusable); query strings leniently, the way browsers
/// and form parsers treat them.
enum PercentDecoding {
    /// Decodes `%XX` escapes, or returns nil when an escape is cut short or not hexadecimal
    /// or the result is not valid UTF-8, so a path parameter never carries mangled text.
    static func decodeStrictly<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        guard bytes.contains(ASCII.percent) else {
            return String(validating: bytes, as: UTF8.self)
        }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            guard byte == ASCII.percent else {
                output.append(byte)
                continue
            }

            guard index < bytes.endIndex, let high = ASCII.hexValue(bytes[index]) else {
                return nil
            }
            bytes.formIndex(after: &index)
            guard index < bytes.endIndex, let low = ASCII.hexValue(bytes[index]) else {
                return nil
            }
            bytes.formIndex(after: &index)
            output.append(high << 4 | low)
        }
        return String(validating: output, as: UTF8.self)
    }

    /// Decodes form-encoded text: `+` is a space, valid `%XX` escapes become their byte,
    /// invalid ones stay as written, and bytes that are not UTF-8 become U+FFFD.
    static func decodeFormComponent<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.plus {
                output.append(ASCII.space)
                bytes.formIndex(after: &index)
                continue
            }
            if byte == ASCII.percent {
                let first = bytes.index(after: index)
                if first < bytes.endIndex, let high = ASCII.hexValue(bytes[first]) {
                    let second = bytes.index(after: first)
                    if second < bytes.endIndex, let low = ASCII.hexValue(bytes[second]) {
                        output.append(high << 4 | low)
                        index = bytes.index(after: second)
                        continue
                    }
                }
            }
            output.append(byte)
            bytes.formIndex(after: &index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits a query string on `&` into decoded name and value pairs; a pair without `=`
    /// has an empty value and empty pairs are skipped, as Django's `QueryDict` does.
    static func decodeQuery(_ query: String) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                let name = decodeFormComponent(pair[pair.startIndex..<equals])
                let value = decodeFormComponent(pair[pair.index(after: equals)...])
                items.append((name: name, value: value))
            } else {
                items.append((name: decodeFormComponent(pair), value: ""))
            }
        }
        return items
    }
}
