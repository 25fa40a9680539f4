/// Request ids: the client's `X-Request-Id` when it is safe to echo and log, otherwise a
/// fresh random one, so a request can be followed from the client through the logs.
struct RequestIdentifier {
    /// The longest incoming id accepted.
    static let maxLength = 128

    private var state: UInt64

    /// Creates a generator seeded from the system's random source; ids only need to be
    /// unique enough to tell requests apart, not unpredictable, so each connection then
    /// uses a cheap generator instead of a system call per request.
    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// The incoming id when it has 1 to 128 characters from `A-Z a-z 0-9 . _ -`, else a
    /// new 16-digit hexadecimal id.
    mutating func resolve(incoming: String?) -> String {
        if let incoming, RequestIdentifier.isAcceptable(incoming) {
            return incoming
        }
        return makeIdentifier()
    }

    /// Whether a client-supplied id may be echoed and logged as is.
    static func isAcceptable(_ identifier: String) -> Bool {
        let bytes = identifier.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// A new id of 16 lower-case hexadecimal digits (SplitMix64 output).
    mutating func makeIdentifier() -> String {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31

        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 {
                let nibble = Int((mixed >> UInt64(60 - position * 4)) & 0xF)
                buffer[position] = digits.utf8Start[nibble]
            }
            return 16
        }
    }
}
