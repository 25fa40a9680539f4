/// A lead as stored, with its references already resolved to public `unique_id`s, ready to
/// be rendered. Decimals and dates hold the exact text the API returns.
struct LeadRecord: Sendable, Equatable {
    /// Internal row id, never shown to clients.
    var id: Int64
    var uniqueID: String
    var title: String
    var description: String?
    var qualificationNotes: String?
    var priority: String
    var leadSource: String
    /// Two-place decimal text such as `"1000.00"`.
    var estimatedValue: String?
    /// Two-place decimal text such as `"75.00"`.
    var winProbability: String?
    /// `unique_id` of the sales stage.
    var salesStage: String?
    /// `unique_id` of the client.
    var client: String?
    /// `YYYY-MM-DD`.
    var expectedCloseDate: String?
    /// UTC date-time with a `Z` suffix.
    var followUpDate: String?
    var createdBy: PersonSummary?
    var assignedTo: PersonSummary?
    var dateCreated: String
    var lastUpdated: String
}

/// The `{unique_id, full_name}` pair the API nests for `created_by` and `assigned_to`.
struct PersonSummary: Sendable, Equatable {
    var uniqueID: String
    var fullName: String
}
