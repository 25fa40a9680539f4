#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Checks, before a command opens anything, that the paths the operator configured can be
/// used: the database's folder exists, the migrations folder exists, the fixtures file can
/// be read. A wrong path is the operator's to fix, so it is refused like a bad value, with
/// the setting named as it was given, instead of surfacing later as an SQLite error.
public enum ConfiguredPathCheck {
    /// Refuses the first path that `invocation`'s command needs and cannot use.
    public static func verify(_ invocation: Invocation) throws(ConfigurationError) {
        let configuration = invocation.configuration
        switch invocation.command {
        case .help, .version:
            return
        case .migrate:
            try checkDatabase(configuration.databasePath, in: invocation)
            try checkMigrations(configuration.migrationsDirectory, in: invocation)
        case .serve:
            try checkDatabase(configuration.databasePath, in: invocation)
            try checkMigrations(configuration.migrationsDirectory, in: invocation)
            if let fixtures = configuration.fixturesPath {
                try checkFixtures(fixtures, named: label("--fixtures", in: invocation))
            }
        case .loadFixtures(let path):
            try checkDatabase(configuration.databasePath, in: invocation)
            try checkMigrations(configuration.migrationsDirectory, in: invocation)
            try checkFixtures(path, named: "load-fixtures")
        }
    }

    private static func checkDatabase(
        _ path: String,
        in invocation: Invocation
    ) throws(ConfigurationError) {
        guard path != ":memory:" else { return }

        let name = label("--database", in: invocation)
        let fileKind = PathKind(of: path)
        if fileKind == .directory {
            throw ConfigurationError(
                "\(name): \(path) is a directory; give the path of a database file in it, "
                    + "such as \(path)/leads-server.sqlite3"
            )
        }

        let directory = parentDirectory(of: path)
        switch PathKind(of: directory) {
        case .missing:
            throw ConfigurationError(
                "\(name): the directory \(directory) does not exist; create it or choose "
                    + "another path"
            )
        case .other:
            throw ConfigurationError(
                "\(name): \(directory) is not a directory; choose another path"
            )
        case .unreachable(let reason):
            throw ConfigurationError(
                "\(name): the directory \(directory) cannot be used (\(reason)); fix its "
                    + "permissions or choose another path"
            )
        case .directory:
            break
        }
        if fileKind == .missing && access(directory, W_OK) != 0 {
            throw ConfigurationError(
                "\(name): \(path) cannot be created because the directory \(directory) is "
                    + "not writable; make it writable or choose another path"
            )
        }
    }

    private static func checkMigrations(
        _ directory: String?,
        in invocation: Invocation
    ) throws(ConfigurationError) {
        guard let directory else { return }

        let name = label("--migrations-dir", in: invocation)
        switch PathKind(of: directory) {
        case .missing:
            throw ConfigurationError(
                "\(name): the directory \(directory) does not exist; create it or leave the "
                    + "setting out to use the built-in migrations"
            )
        case .other:
            throw ConfigurationError(
                "\(name): \(directory) is not a directory; give the directory that holds "
                    + "the numbered .sql files"
            )
        case .unreachable(let reason):
            throw ConfigurationError(
                "\(name): the directory \(directory) cannot be read (\(reason)); fix its "
                    + "permissions or choose another directory"
            )
        case .directory:
            guard access(directory, R_OK | X_OK) == 0 else {
                throw ConfigurationError(
                    "\(name): the directory \(directory) cannot be read; fix its permissions "
                        + "or choose another directory"
                )
            }
        }
    }

    private static func checkFixtures(
        _ path: String,
        named name: String
    ) throws(ConfigurationError) {
        switch PathKind(of: path) {
        case .missing:
            throw ConfigurationError(
                "\(name): the file \(path) does not exist; create it or choose another path"
            )
        case .directory:
            throw ConfigurationError(
                "\(name): \(path) is a directory; give the path of a fixtures file"
            )
        case .unreachable(let reason):
            throw ConfigurationError(
                "\(name): the file \(path) cannot be read (\(reason)); fix its permissions "
                    + "or choose another path"
            )
        case .other:
            guard access(path, R_OK) == 0 else {
                throw ConfigurationError(
                    "\(name): the file \(path) cannot be read; fix its permissions or "
                        + "choose another path"
                )
            }
        }
    }

    /// The setting spelled `flag`, named the way `invocation` got it.
    private static func label(_ flag: String, in invocation: Invocation) -> String {
        guard let setting = Setting.named(flag) else { return flag }
        return invocation.origin(of: setting).name(of: setting)
    }

    /// The folder a file at `path` lives in, as `dirname` would say it.
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        guard slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}

/// What is at a path, as far as the checks need to know.
private enum PathKind: Equatable {
    /// Nothing: the path or one of its folders does not exist.
    case missing
    /// A directory.
    case directory
    /// A file, or anything else that is not a directory.
    case other
    /// Something the server may not look at, with the system's reason.
    case unreachable(String)

    init(of path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                self = .missing
            } else {
                self = .unreachable(String(cString: strerror(code)))
            }
            return
        }
        self = (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }
}
