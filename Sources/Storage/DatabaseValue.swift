/// One SQLite value, in the five storage classes SQLite itself knows, so rows can cross
/// queues as plain values and callers decide how to read them.
public enum DatabaseValue: Sendable, Hashable {
    /// SQL NULL: an absent value, distinct from an empty string or zero.
    case null
    /// A signed 64-bit integer, SQLite's INTEGER storage class.
    case integer(Int64)
    /// An IEEE 754 double, SQLite's REAL storage class.
    case real(Double)
    /// UTF-8 text, kept whole even when it holds NUL characters.
    case text(String)
    /// Raw bytes, SQLite's BLOB storage class.
    case blob([UInt8])

    /// Whether this is SQL NULL, for checks that do not care about the value's type.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension DatabaseValue: ExpressibleByStringLiteral {
    /// Lets constant text arguments be written as plain literals: `["open"]`.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension DatabaseValue: ExpressibleByIntegerLiteral {
    /// Lets constant integer arguments be written as plain literals: `[42]`.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension DatabaseValue: ExpressibleByFloatLiteral {
    /// Lets constant real arguments be written as plain literals: `[0.5]`.
    public init(floatLiteral value: Double) {
        self = .real(value)
    }
}
