/// A Swift type that can be stored in and read back from a column, so repositories bind
/// and read typed values instead of switching over `DatabaseValue` by hand.
public protocol DatabaseValueConvertible: Sendable {
    /// The value to bind when this is passed as a statement argument.
    var databaseValue: DatabaseValue { get }

    /// Reads a value back from a column; `nil` when the stored value does not fit the type.
    init?(databaseValue: DatabaseValue)
}

extension DatabaseValue: DatabaseValueConvertible {
    /// A value is its own database value, so `Row.value(_:as:)` can return it untouched.
    public var databaseValue: DatabaseValue { self }

    /// Accepts any stored value, NULL included.
    public init?(databaseValue: DatabaseValue) {
        self = databaseValue
    }
}

extension String: DatabaseValueConvertible {
    /// Text, bound with its full UTF-8 byte count so embedded NULs survive.
    public var databaseValue: DatabaseValue { .text(self) }

    /// Reads text; other storage classes are refused rather than silently converted.
    public init?(databaseValue: DatabaseValue) {
        guard case .text(let text) = databaseValue else { return nil }
        self = text
    }
}

extension Int64: DatabaseValueConvertible {
    /// An INTEGER value.
    public var databaseValue: DatabaseValue { .integer(self) }

    /// Reads an INTEGER; a REAL with no fractional part is accepted too, as SQLite may
    /// store one where a column has REAL affinity.
    public init?(databaseValue: DatabaseValue) {
        switch databaseValue {
        case .integer(let value):
            self = value
        case .real(let value):
            guard let exact = Int64(exactly: value) else { return nil }
            self = exact
        default:
            return nil
        }
    }
}

extension Int: DatabaseValueConvertible {
    /// An INTEGER value (Int is 64 bits on every platform this server runs on).
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }

    /// Reads an INTEGER that fits in `Int`.
    public init?(databaseValue: DatabaseValue) {
        guard let value = Int64(databaseValue: databaseValue), let exact = Int(exactly: value)
        else { return nil }
        self = exact
    }
}

extension Double: DatabaseValueConvertible {
    /// A REAL value.
    public var databaseValue: DatabaseValue { .real(self) }

    /// Reads a REAL, or an INTEGER widened to a double, since SQLite stores whole numbers
    /// in REAL columns as integers.
    public init?(databaseValue: DatabaseValue) {
        switch databaseValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension Bool: DatabaseValueConvertible {
    /// SQLite has no boolean type; true and false are stored as the integers 1 and 0.
    public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }

    /// Reads an INTEGER: zero is false, anything else is true, as in SQL itself.
    public init?(databaseValue: DatabaseValue) {
        guard case .integer(let value) = databaseValue else { return nil }
        self = value != 0
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    /// A BLOB value.
    public var databaseValue: DatabaseValue { .blob(self) }

    /// Reads a BLOB.
    public init?(databaseValue: DatabaseValue) {
        guard case .blob(let bytes) = databaseValue else { return nil }
        self = bytes
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// `nil` is stored as NULL, so optional model fields bind without special cases.
    public var databaseValue: DatabaseValue {
        switch self {
        case .none: .null
        case .some(let wrapped): wrapped.databaseValue
        }
    }

    /// NULL reads as `.some(nil)`; a value of the wrong type is refused.
    public init?(databaseValue: DatabaseValue) {
        if case .null = databaseValue {
            self = .none
            return
        }
        guard let wrapped = Wrapped(databaseValue: databaseValue) else { return nil }
        self = .some(wrapped)
    }
}
