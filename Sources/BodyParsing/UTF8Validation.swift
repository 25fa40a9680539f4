/// Checks UTF-8 the way CPython's incremental decoder does, so a body that Python would
/// refuse is refused with the same `UnicodeDecodeError` text.
enum UTF8Validation {
    /// What a validation pass found.
    enum Outcome: Equatable {
        /// Every byte up to `validCount` is well formed; bytes after it are the start of a
        /// sequence cut off by the end of the input, which a non-final decoder holds back.
        case valid(validCount: Int)

        /// A malformed sequence starts at `position` and spans `length` bytes.
        case invalid(position: Int, length: Int, reason: String)
    }

    /// Validates `bytes` as a non-final decoder would: an incomplete sequence at the very end
    /// is not an error but is left out of `validCount`.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let count = bytes.count
        var index = 0

        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(
                    as: UInt64.self
                )
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }

            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }

            let length: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF:
                length = 2
            case 0xE0:
                length = 3
                lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF:
                length = 3
            case 0xED:
                length = 3
                highest = 0x9F
            case 0xF0:
                length = 4
                lowest = 0x90
            case 0xF1...0xF3:
                length = 4
            case 0xF4:
                length = 4
                highest = 0x8F
            default:
                return .invalid(position: index, length: 1, reason: "invalid start byte")
            }

            for offset in 1..<length {
                guard index + offset < count else { return .valid(validCount: index) }

                let byte = bytes[index + offset]
                let (low, high) = offset == 1 ? (lowest, highest) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= low, byte <= high else {
                    // CPython holds back the first two bytes of an encoded surrogate when
                    // they end the input, as if more could follow.
                    if lead == 0xED && offset == 1 && byte >= 0xA0 && byte <= 0xBF
                        && index + 2 == count
                    {
                        return .valid(validCount: index)
                    }
                    return .invalid(
                        position: index,
                        length: offset,
                        reason: "invalid continuation byte"
                    )
                }
            }
            index += length
        }
        return .valid(validCount: count)
    }

    /// The text Python prints for a `UnicodeDecodeError` raised by the `utf-8` codec.
    static func pythonMessage(
        bytes: UnsafeBufferPointer<UInt8>,
        position: Int,
        length: Int,
        reason: String
    ) -> String {
        if length == 1 {
            return "'utf-8' codec can't decode byte 0x" + hex(bytes[position])
                + " in position \(position): " + reason
        }
        return "'utf-8' codec can't decode bytes in position \(position)-\(position + length - 1)"
            + ": " + reason
    }

    /// Two lower-case hex digits, as Python's `%02x` writes them.
    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
