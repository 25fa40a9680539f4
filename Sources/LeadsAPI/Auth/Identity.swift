/// The person a request was authenticated as, and how.
struct Identity: Sendable, Equatable {
    /// Internal row id of the person.
    let personID: Int64
    /// The person's public `unique_id`.
    let uniqueID: String
    /// The name they log in with.
    let username: String
    /// Shown as `full_name` in `created_by` and `assigned_to`.
    let fullName: String
    /// True for a session cookie, false for HTTP Basic.
    let viaSession: Bool
}
