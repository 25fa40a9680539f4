/// What validating one field gave, mirroring DRF's three ways out of `run_validation`.
enum FieldOutcome<Value> {
    /// The field was not submitted and may be left out (DRF's `SkipField`).
    case skipped
    /// The field is valid and takes this value.
    case valid(Value)
    /// The field is invalid, with DRF's messages in order.
    case invalid([String])

    /// The outcome with its value transformed.
    func map<Other>(_ transform: (Value) -> Other) -> FieldOutcome<Other> {
        switch self {
        case .skipped: return .skipped
        case .valid(let value): return .valid(transform(value))
        case .invalid(let messages): return .invalid(messages)
        }
    }
}
