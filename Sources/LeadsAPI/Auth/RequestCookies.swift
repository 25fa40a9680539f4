import HTTPServer

/// The cookies a request carries, parsed as Django's `parse_cookie` does: chunks split on
/// `;`, a chunk without `=` is a value with an empty name, names and values trimmed,
/// double-quoted values unquoted, and a repeated name keeps its last value.
struct RequestCookies {
    private var values: [String: String] = [:]

    /// Parses every `Cookie` field of `headers`, joined as one list.
    init(_ headers: HTTPHeaders) {
        for field in headers.values(for: "Cookie") {
            for chunk in field.split(separator: ";", omittingEmptySubsequences: false) {
                let name: Substring
                let value: Substring
                if let equals = chunk.firstIndex(of: "=") {
                    name = chunk[..<equals]
                    value = chunk[chunk.index(after: equals)...]
                } else {
                    name = ""
                    value = chunk
                }

                let trimmedName = Self.trimmed(name)
                let trimmedValue = Self.trimmed(value)
                guard !trimmedName.isEmpty || !trimmedValue.isEmpty else { continue }
                values[String(trimmedName)] = Self.unquoted(trimmedValue)
            }
        }
    }

    /// The value of the named cookie, or nil when the request did not send it.
    subscript(name: String) -> String? {
        values[name]
    }

    /// Removes surrounding whitespace, as Python's `str.strip()` does.
    private static func trimmed(_ text: Substring) -> Substring {
        let characters = text.drop { $0.isWhitespace }
        return characters.dropLast(characters.reversed().prefix { $0.isWhitespace }.count)
    }

    /// Undoes the quoting of Python's cookie module: a value in double quotes loses them,
    /// and inside, a backslash followed by three octal digits (first 0 to 3) stands for the
    /// character of that number and a backslash followed by anything else for that
    /// character.
    private static func unquoted(_ value: Substring) -> String {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else {
            return String(value)
        }

        let inner = scalars[1..<(scalars.count - 1)]
        var output = String.UnicodeScalarView()
        var index = inner.startIndex
        while index < inner.endIndex {
            let scalar = inner[index]
            guard scalar == "\\", index + 1 < inner.endIndex else {
                output.append(scalar)
                index += 1
                continue
            }

            if index + 3 < inner.endIndex, let code = octal(inner[(index + 1)...(index + 3)]) {
                output.append(code)
                index += 4
            } else {
                output.append(inner[index + 1])
                index += 2
            }
        }
        return String(output)
    }

    /// The character numbered by three octal digits whose first is 0 to 3.
    private static func octal(_ digits: ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for (offset, digit) in digits.enumerated() {
            let highest: Unicode.Scalar = offset == 0 ? "3" : "7"
            guard digit >= "0" && digit <= highest else { return nil }
            value = value * 8 + (digit.value - 48)
        }
        return Unicode.Scalar(value)
    }
}
