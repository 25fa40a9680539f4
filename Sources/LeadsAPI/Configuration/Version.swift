/// The release of leads-server, printed by `leads-server version` and at start-up.
public enum Version {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
