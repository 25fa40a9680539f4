/// Whether a write touches a field: DRF leaves fields that were not submitted alone, which
/// differs from submitting `null`.
public enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The field was not submitted; the stored value stays.
    case unchanged
    /// The field takes this value.
    case set(Value)

    /// The new value, or nil when the field stays as it is.
    public var newValue: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}
