import Credentials
import Log

/// One configurable value: how it is spelled as a flag, an environment variable and a
/// config-file key, what `--help` says about it, and how its text is checked and applied.
public struct Setting: Sendable {
    /// The long flag, such as `--port`.
    public var flag: String
    /// The environment variable, such as `LEADS_SERVER_PORT`.
    public var environmentVariable: String
    /// The key in the JSON config file, such as `port`.
    public var fileKey: String
    /// A placeholder for the value in help text, such as `<number>`.
    public var valueName: String
    /// One sentence for `--help`.
    public var summary: String
    /// Reads the value's text into a configuration, or says what the value must be.
    var read: @Sendable (inout ServerConfiguration, String) throws(SettingValueError) -> Void
    /// Shows the current value of the setting in a configuration, for the default column.
    public var show: @Sendable (ServerConfiguration) -> String

    /// Reads `value` into `configuration`, or refuses it with a message that names the
    /// setting the way it was given (flag, environment variable or config-file key) and
    /// says how to fix it there.
    public func apply(
        _ value: String,
        from origin: SettingOrigin,
        to configuration: inout ServerConfiguration
    ) throws(ConfigurationError) {
        do {
            try read(&configuration, value)
        } catch {
            throw ConfigurationError(
                "\(origin.name(of: self)) \(error.requirement); \(origin.remedy(for: self))"
            )
        }
    }
}

extension Setting {
    /// Every setting the server understands, in the order `--help` lists them.
    public static let all: [Setting] = [
        Setting(
            flag: "--host",
            environmentVariable: "LEADS_SERVER_HOST",
            fileKey: "host",
            valueName: "<address>",
            summary: "IPv4 address to listen on (0.0.0.0 for every interface, or localhost).",
            read: { configuration, value throws(SettingValueError) in
                guard HostAddress.isListenable(value) else {
                    throw SettingValueError(
                        "must be an IPv4 address such as 127.0.0.1 or 0.0.0.0, or localhost "
                            + "(got \"\(value)\")"
                    )
                }
                configuration.host = value
            },
            show: { $0.host }
        ),
        integer(
            "--port",
            "LEADS_SERVER_PORT",
            "port",
            0...65535,
            "Port to listen on; 0 picks a free port.",
            \.port
        ),
        text(
            "--database",
            "LEADS_SERVER_DATABASE",
            "database",
            "<path>",
            "SQLite file with all data; created when missing.",
            \.databasePath
        ),
        optionalText(
            "--fixtures",
            "LEADS_SERVER_FIXTURES",
            "fixtures",
            "<path>",
            "Fixtures document to load at start-up (idempotent).",
            \.fixturesPath
        ),
        integer(
            "--max-body-size",
            "LEADS_SERVER_MAX_BODY_SIZE",
            "max_body_size",
            1...(1 << 30),
            "Largest request body in bytes; larger ones get 413.",
            \.maxBodySize
        ),
        seconds(
            "--idle-timeout",
            "LEADS_SERVER_IDLE_TIMEOUT",
            "idle_timeout",
            "Seconds an idle keep-alive connection stays open.",
            \.idleTimeout
        ),
        seconds(
            "--header-timeout",
            "LEADS_SERVER_HEADER_TIMEOUT",
            "header_timeout",
            "Seconds a client has to send a whole request head.",
            \.headerTimeout
        ),
        seconds(
            "--shutdown-grace-period",
            "LEADS_SERVER_SHUTDOWN_GRACE_PERIOD",
            "shutdown_grace_period",
            "Seconds in-flight requests get to finish on shutdown.",
            \.shutdownGracePeriod
        ),
        choice(
            "--log-level",
            "LEADS_SERVER_LOG_LEVEL",
            "log_level",
            LogLevel.allCases.map(\.name),
            "Lowest level logged.",
            apply: { configuration, name in configuration.logLevel = LogLevel(name: name)! },
            show: { $0.logLevel.name }
        ),
        choice(
            "--log-format",
            "LEADS_SERVER_LOG_FORMAT",
            "log_format",
            LogFormat.allCases.map(\.rawValue),
            "Log line format.",
            apply: { configuration, name in configuration.logFormat = LogFormat(rawValue: name)! },
            show: { $0.logFormat.rawValue }
        ),
        integer(
            "--password-iterations",
            "LEADS_SERVER_PASSWORD_ITERATIONS",
            "password_iterations",
            1...PasswordHasher.maximumIterations,
            "PBKDF2 iterations for newly hashed passwords.",
            \.passwordIterations
        ),
        integer(
            "--session-age",
            "LEADS_SERVER_SESSION_AGE",
            "session_age",
            1...(1 << 31),
            "Seconds a login session lasts.",
            \.sessionAge
        ),
        Setting(
            flag: "--cors-origins",
            environmentVariable: "LEADS_SERVER_CORS_ORIGINS",
            fileKey: "cors_origins",
            valueName: "<origins>",
            summary: "Comma-separated browser origins allowed with credentials; "
                + "\":*\" matches any port, \"none\" allows none.",
            read: { configuration, value throws(SettingValueError) in
                configuration.corsOrigins = try CORSOriginList.parse(value)
            },
            show: { $0.corsOrigins.isEmpty ? "none" : $0.corsOrigins.joined(separator: ",") }
        ),
        flag(
            "--admin-api",
            "LEADS_SERVER_ADMIN_API",
            "admin_api",
            "Serve the /__admin/ API for tests (reset, snapshots, journal, behaviour).",
            \.adminAPIEnabled
        ),
        optionalText(
            "--admin-token",
            "LEADS_SERVER_ADMIN_TOKEN",
            "admin_token",
            "<token>",
            "Bearer token of the admin API; when unset a random one is logged at start-up.",
            \.adminToken
        ),
        integer(
            "--journal-size",
            "LEADS_SERVER_JOURNAL_SIZE",
            "journal_size",
            0...1_000_000,
            "Recent requests kept by the admin request journal.",
            \.journalSize
        ),
        flag(
            "--prefer-header",
            "LEADS_SERVER_PREFER_HEADER",
            "prefer_header",
            "Obey Prefer: code=<status> and Prefer: delay=<ms> request headers.",
            \.preferHeaderEnabled
        ),
        optionalText(
            "--migrations-dir",
            "LEADS_SERVER_MIGRATIONS_DIR",
            "migrations_dir",
            "<path>",
            "Directory of numbered .sql migrations (default: the built-in ones).",
            \.migrationsDirectory
        ),
    ]

    /// The setting spelled `flag`, if any.
    public static func named(_ flag: String) -> Setting? {
        all.first { $0.flag == flag }
    }

    private static func choice(
        _ flag: String,
        _ variable: String,
        _ key: String,
        _ names: [String],
        _ summary: String,
        apply: @escaping @Sendable (inout ServerConfiguration, String) -> Void,
        show: @escaping @Sendable (ServerConfiguration) -> String
    ) -> Setting {
        Setting(
            flag: flag,
            environmentVariable: variable,
            fileKey: key,
            valueName: names.joined(separator: "|"),
            summary: summary,
            read: { configuration, value throws(SettingValueError) in
                let name = value.lowercased()
                guard names.contains(name) else {
                    throw SettingValueError(
                        "must be one of \(names.joined(separator: ", ")) (got \"\(value)\")"
                    )
                }
                apply(&configuration, name)
            },
            show: show
        )
    }

    private static func flag(
        _ flag: String,
        _ variable: String,
        _ key: String,
        _ summary: String,
        _ path: any WritableKeyPath<ServerConfiguration, Bool> & Sendable
    ) -> Setting {
        Setting(
            flag: flag,
            environmentVariable: variable,
            fileKey: key,
            valueName: "on|off",
            summary: summary,
            read: { configuration, value throws(SettingValueError) in
                switch value.lowercased() {
                case "on", "true", "yes", "1": configuration[keyPath: path] = true
                case "off", "false", "no", "0": configuration[keyPath: path] = false
                default:
                    throw SettingValueError("must be on or off (got \"\(value)\")")
                }
            },
            show: { $0[keyPath: path] ? "on" : "off" }
        )
    }

    private static func text(
        _ flag: String,
        _ variable: String,
        _ key: String,
        _ valueName: String,
        _ summary: String,
        _ path: any WritableKeyPath<ServerConfiguration, String> & Sendable
    ) -> Setting {
        Setting(
            flag: flag,
            environmentVariable: variable,
            fileKey: key,
            valueName: valueName,
            summary: summary,
            read: { configuration, value throws(SettingValueError) in
                guard !value.isEmpty else {
                    throw SettingValueError("must not be empty")
                }
                configuration[keyPath: path] = value
            },
            show: { $0[keyPath: path] }
        )
    }

    private static func optionalText(
        _ flag: String,
        _ variable: String,
        _ key: String,
        _ valueName: String,
        _ summary: String,
        _ path: any WritableKeyPath<ServerConfiguration, String?> & Sendable
    ) -> Setting {
        Setting(
            flag: flag,
            environmentVariable: variable,
            fileKey: key,
            valueName: valueName,
            summary: summary,
            read: { configuration, value throws(SettingValueError) in
                configuration[keyPath: path] = value.isEmpty ? nil : value
            },
            show: { $0[keyPath: path] ?? "none" }
        )
    }

    private static func integer(
        _ flag: String,
        _ variable: String,
        _ key: String,
        _ range: ClosedRange<Int>,
        _ summary: String,
        _ path: any WritableKeyPath<ServerConfiguration, Int> & Sendable
    ) -> Setting {
        Setting(
            flag: flag,
            environmentVariable: variable,
            fileKey: key,
            valueName: "<number>",
            summary: summary,
            read: { configuration, value throws(SettingValueError) in
                guard let number = Int(value), range.contains(number) else {
                    throw SettingValueError(
                        "must be a number from \(range.lowerBound) to \(range.upperBound) "
                            + "(got \"\(value)\")"
                    )
                }
                configuration[keyPath: path] = number
            },
            show: { String($0[keyPath: path]) }
        )
    }

    private static func seconds(
        _ flag: String,
        _ variable: String,
        _ key: String,
        _ summary: String,
        _ path: any WritableKeyPath<ServerConfiguration, Double> & Sendable
    ) -> Setting {
        Setting(
            flag: flag,
            environmentVariable: variable,
            fileKey: key,
            valueName: "<seconds>",
            summary: summary,
            read: { configuration, value throws(SettingValueError) in
                guard let number = Double(value), number.isFinite, number > 0, number <= 86_400
                else {
                    throw SettingValueError(
                        "must be a number of seconds above 0 and at most 86400 "
                            + "(got \"\(value)\")"
                    )
                }
                configuration[keyPath: path] = number
            },
            show: { configuration in
                let value = configuration[keyPath: path]
                return value == value.rounded() ? String(Int(value)) : String(value)
            }
        )
    }
}
