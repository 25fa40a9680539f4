/// The storage questions validation needs answered, already scoped to the organisation by
/// the caller, so this target stays free of any database.
public struct ReferenceLookup: Sendable {
    /// Whether a sales stage with this `unique_id` exists.
    public var salesStageExists: @Sendable (String) -> Bool

    /// Whether a client with this `unique_id` exists.
    public var clientExists: @Sendable (String) -> Bool

    /// Whether another lead already uses this `unique_id`; for updates the caller leaves
    /// out the lead being updated.
    public var uniqueIDTaken: @Sendable (String) -> Bool

    /// Creates a lookup from its three questions.
    public init(
        salesStageExists: @escaping @Sendable (String) -> Bool,
        clientExists: @escaping @Sendable (String) -> Bool,
        uniqueIDTaken: @escaping @Sendable (String) -> Bool
    ) {
        self.salesStageExists = salesStageExists
        self.clientExists = clientExists
        self.uniqueIDTaken = uniqueIDTaken
    }
}
