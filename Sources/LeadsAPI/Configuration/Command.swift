/// What the executable was asked to do.
public enum Command: Sendable, Equatable {
    /// Run the server until SIGTERM or SIGINT (the default).
    case serve
    /// Apply pending migrations and exit.
    case migrate
    /// Print the version and exit.
    case version
    /// Load a fixtures document into the database and exit.
    case loadFixtures(path: String)
    /// Print help, for the whole program or one command, and exit 0.
    case help(command: String?)

    /// The names accepted on the command line, in the order help lists them.
    public static let names = ["serve", "migrate", "load-fixtures", "version"]
}

/// A parsed command line: the command, and the configuration it runs with.
public struct Invocation: Sendable, Equatable {
    /// What to do.
    public var command: Command
    /// The merged settings.
    public var configuration: ServerConfiguration
    /// Where each setting that was given came from, by flag; the others are defaults.
    public var origins: [String: SettingOrigin] = [:]

    /// Where `setting`'s value came from, so later checks can name it as it was given.
    public func origin(of setting: Setting) -> SettingOrigin {
        origins[setting.flag] ?? .builtInDefault
    }

    /// Reads `value` into the configuration and remembers where it came from.
    mutating func apply(
        _ setting: Setting,
        _ value: String,
        from origin: SettingOrigin
    ) throws(ConfigurationError) {
        try setting.apply(value, from: origin, to: &configuration)
        origins[setting.flag] = origin
    }
}
