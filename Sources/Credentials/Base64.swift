/// Standard Base64 (RFC 4648 section 4, with `=` padding), the encoding Django uses for the
/// digest part of a password hash and HTTP uses for Basic credentials.
public enum Base64 {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    /// Each ASCII byte's 6-bit value, or 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// Encodes bytes with padding, so the result's length is a multiple of four.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)

        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = UInt32(bytes[index])
            let second = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = first << 16 | second << 8 | third

            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes strictly: only the standard alphabet, no whitespace, a length that is a
    /// multiple of four, padding only at the end and unused bits zero, so each byte string
    /// has exactly one accepted encoding. Returns `nil` for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 4 * 3)

        var index = 0
        while index < characters.count {
            let isLastGroup = index + 4 == characters.count
            let padding = isLastGroup ? paddingCount(characters[index..<index + 4]) : 0
            guard let padding else { return nil }

            var group: UInt32 = 0
            for offset in 0..<4 {
                let value = offset < 4 - padding ? values[Int(characters[index + offset])] : 0
                guard value != 0xFF else { return nil }
                group = group << 6 | UInt32(value)
            }

            output.append(UInt8(group >> 16 & 0xFF))
            if padding < 2 { output.append(UInt8(group >> 8 & 0xFF)) }
            if padding < 1 { output.append(UInt8(group & 0xFF)) }

            // Bits that padding leaves unused must be zero in a canonical encoding.
            if padding == 1 && group & 0xFF != 0 { return nil }
            if padding == 2 && group & 0xFFFF != 0 { return nil }
            index += 4
        }
        return output
    }

    /// How many `=` end the final group (0, 1 or 2), or `nil` when padding is misplaced.
    private static func paddingCount(_ group: ArraySlice<UInt8>) -> Int? {
        let equals = UInt8(ascii: "=")
        let bytes = Array(group)
        switch (bytes[2] == equals, bytes[3] == equals) {
        case (false, false): return 0
        case (false, true): return 1
        case (true, true): return 2
        case (true, false): return nil
        }
    }
}
