/// Base64 decoding with the tolerance of Python's `base64.b64decode` (non-strict
/// `binascii.a2b_base64`), which is what DRF applies to HTTP Basic credentials. Clients that
/// the real backend accepts, such as ones sending stray characters or data after the
/// padding, must be accepted here too; `Credentials.Base64` is strict on purpose and would
/// refuse them.
enum LenientBase64 {
    /// Each ASCII byte's 6-bit value, or 0xFF for bytes outside the standard alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        for (value, character) in alphabet.utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// Decodes `text`, skipping bytes outside the alphabet and stopping at the first
    /// complete padding. Returns nil where Python raises `binascii.Error`: when the data
    /// characters leave an incomplete group that padding does not close.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3 + 2)

        var position = 0
        var carried: UInt8 = 0
        var pads = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                // Padding counts only once two characters of a group are in.
                if position >= 2 {
                    pads += 1
                    if position + pads >= 4 { return output }
                }
                continue
            }

            let value = values[Int(byte)]
            guard value != 0xFF else { continue }
            pads = 0

            switch position {
            case 0:
                carried = value
                position = 1
            case 1:
                output.append(carried << 2 | value >> 4)
                carried = value & 0x0F
                position = 2
            case 2:
                output.append(carried << 4 | value >> 2)
                carried = value & 0x03
                position = 3
            default:
                output.append(carried << 6 | value)
                position = 0
            }
        }
        return position == 0 ? output : nil
    }
}
