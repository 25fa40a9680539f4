/// How urgently a lead should be worked; the raw values are the API's choice keys.
public enum Priority: String, CaseIterable, Sendable {
    /// Can wait.
    case low
    /// The model default when a new lead names no priority.
    case medium
    /// Work soon.
    case high
    /// Work now.
    case critical
}
