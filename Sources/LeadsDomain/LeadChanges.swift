/// The writable fields of a lead after validation, ready to store.
///
/// On `create` every field is `.set`: fields the client left out carry the model's default
/// (`nil`, or `medium` for the priority). On updates only submitted fields are `.set`.
public struct LeadChanges: Sendable, Equatable {
    /// The lead's own identifier. `.set(nil)` means the client gave none (omitted, `null`,
    /// or blank after trimming) and the server generates one (32 lowercase hex digits), as
    /// the model does when it saves a lead without one.
    public var uniqueID: FieldChange<String?> = .unchanged

    /// The title, trimmed and never blank.
    public var title: FieldChange<String> = .unchanged

    /// Free text, trimmed; `""` and `nil` are both possible and kept apart, as DRF does.
    public var description: FieldChange<String?> = .unchanged

    /// Free text, trimmed; `""` and `nil` are both possible and kept apart, as DRF does.
    public var qualificationNotes: FieldChange<String?> = .unchanged

    /// How urgently the lead should be worked.
    public var priority: FieldChange<Priority> = .unchanged

    /// Where the lead came from.
    public var leadSource: FieldChange<LeadSource> = .unchanged

    /// Expected deal size, already quantized to 2 decimal places.
    public var estimatedValue: FieldChange<DecimalNumber?> = .unchanged

    /// Chance of winning in percent, already quantized to 2 decimal places.
    public var winProbability: FieldChange<DecimalNumber?> = .unchanged

    /// The `unique_id` of an existing sales stage of the organisation.
    public var salesStage: FieldChange<String?> = .unchanged

    /// The `unique_id` of an existing client of the organisation.
    public var client: FieldChange<String?> = .unchanged

    /// When the deal is expected to close.
    public var expectedCloseDate: FieldChange<CalendarDate?> = .unchanged

    /// When to follow up next.
    public var followUpDate: FieldChange<UTCDateTime?> = .unchanged

    /// Creates a set of changes that changes nothing.
    public init() {}
}
