import BodyParsing

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Merges settings from, highest first, command-line flags, environment variables, a JSON
/// config file and the built-in defaults, refusing any value it cannot use with a message
/// that names the setting and the fix.
public struct ConfigurationLoader: Sendable {
    /// The file read when `--config` and `LEADS_SERVER_CONFIG` are absent, if it exists.
    public static let defaultConfigPath = "config/leads-server.json"

    /// The command-line arguments without the program name.
    public var arguments: [String]
    /// The process environment.
    public var environment: [String: String]
    /// Reads a whole file, or returns nil when it does not exist; replaceable in tests.
    public var readFile: @Sendable (String) -> [UInt8]?

    /// Creates a loader over explicit inputs, so tests need no real process state.
    public init(
        arguments: [String],
        environment: [String: String],
        readFile: @escaping @Sendable (String) -> [UInt8]? = ConfigurationLoader.readWholeFile
    ) {
        self.arguments = arguments
        self.environment = environment
        self.readFile = readFile
    }

    /// Parses the command line and merges every source into one configuration.
    public func load() throws(ConfigurationError) -> Invocation {
        var remaining = arguments[...]
        var command = Command.serve
        var namedCommand: String?
        var lacksFixturesPath = false
        if let first = remaining.first, !first.hasPrefix("-") {
            remaining = remaining.dropFirst()
            namedCommand = first
            switch first {
            case "serve": command = .serve
            case "migrate": command = .migrate
            case "version": command = .version
            case "help": return Invocation(command: .help(command: nil), configuration: .init())
            case "load-fixtures":
                // The path is checked after the flags, so `load-fixtures --help` shows help.
                guard let path = remaining.first, !path.hasPrefix("-") else {
                    lacksFixturesPath = true
                    break
                }
                remaining = remaining.dropFirst()
                command = .loadFixtures(path: path)
            default:
                throw ConfigurationError(
                    "unknown command \"\(first)\"; the commands are "
                        + Command.names.joined(separator: ", ")
                        + " (run leads-server --help)."
                )
            }
        }

        let flags = try parseFlags(Array(remaining), command: command)
        if flags.wantsHelp {
            return Invocation(command: .help(command: namedCommand), configuration: .init())
        }
        if lacksFixturesPath {
            throw ConfigurationError(
                "load-fixtures needs the path of a fixtures file: "
                    + "leads-server load-fixtures config/demo-fixtures.json"
            )
        }

        var invocation = Invocation(command: command, configuration: ServerConfiguration())
        try applyConfigFile(explicitPath: flags.configPath, to: &invocation)
        for setting in Setting.all {
            if let value = environment[setting.environmentVariable] {
                try invocation.apply(setting, value, from: .environment)
            }
        }
        for (setting, value) in flags.values {
            try invocation.apply(setting, value, from: .commandLine)
        }
        return invocation
    }

    /// Flags as given, in order, plus the two that are not settings.
    private struct ParsedFlags {
        var values: [(Setting, String)] = []
        var configPath: String?
        var wantsHelp = false
    }

    private func parseFlags(
        _ arguments: [String],
        command: Command
    ) throws(ConfigurationError) -> ParsedFlags {
        var parsed = ParsedFlags()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" {
                parsed.wantsHelp = true
                continue
            }

            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard name.hasPrefix("--") else {
                throw ConfigurationError(
                    "unexpected argument \"\(argument)\"; run leads-server --help for usage."
                )
            }

            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw ConfigurationError(
                    "\(name) needs a value; run leads-server --help for usage."
                )
            }

            if name == "--config" {
                parsed.configPath = value
            } else if let setting = Setting.named(name) {
                parsed.values.append((setting, value))
            } else {
                throw ConfigurationError(
                    "unknown option \(name); run leads-server --help for the options."
                )
            }
        }
        return parsed
    }

    private func applyConfigFile(
        explicitPath: String?,
        to invocation: inout Invocation
    ) throws(ConfigurationError) {
        let chosenPath = explicitPath ?? environment["LEADS_SERVER_CONFIG"]
        let path = chosenPath ?? Self.defaultConfigPath
        guard let bytes = readFile(path) else {
            guard chosenPath == nil else {
                throw ConfigurationError(
                    "config file \(path) cannot be read; check the path given with --config "
                        + "or LEADS_SERVER_CONFIG."
                )
            }
            return
        }

        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ConfigurationError(
                "config file \(path) is not valid JSON: \(error.message)."
            )
        }
        guard case .object(let object) = document else {
            throw ConfigurationError("config file \(path) must hold a JSON object of settings.")
        }

        for (key, value) in object.pairs {
            guard let setting = Setting.all.first(where: { $0.fileKey == key }) else {
                let known = Setting.all.map(\.fileKey).joined(separator: ", ")
                throw ConfigurationError(
                    "config file \(path) has an unknown setting \"\(key)\"; known: \(known)."
                )
            }
            let text: String
            switch value {
            case .string(let string): text = string
            case .number(let number): text = Self.wholeNumberText(number)
            case .null: text = ""
            case .bool(let flag): text = flag ? "on" : "off"
            case .array(let elements) where key == "cors_origins":
                var origins: [String] = []
                for element in elements {
                    guard case .string(let origin) = element else {
                        throw ConfigurationError(
                            "config file \(path): \"cors_origins\" must list strings."
                        )
                    }
                    origins.append(origin)
                }
                text = origins.isEmpty ? "none" : origins.joined(separator: ",")
            default:
                throw ConfigurationError(
                    "config file \(path): \"\(key)\" must be a string, a number or a boolean."
                )
            }
            try invocation.apply(setting, text, from: .configFile(path: path))
        }
    }

    /// JSON writers may spell a whole number with a fraction or an exponent (`8000.0`,
    /// `8e3`); it is passed on as plain digits so integer settings accept it, while a
    /// number with a real fraction is passed on unchanged and refused where it must be whole.
    static func wholeNumberText(_ number: String) -> String {
        guard number.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
            let value = Double(number), value.isFinite, value == value.rounded(),
            abs(value) < 1e15
        else { return number }

        return String(Int(value))
    }

    /// Reads a whole file with POSIX calls; nil when it cannot be opened.
    @Sendable public static func readWholeFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }

        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            contents.append(contentsOf: chunk[0..<count])
        }
        return contents
    }
}
