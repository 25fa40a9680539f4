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
}
