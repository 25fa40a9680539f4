/// Where the value of a setting came from, so a refusal points at the place to fix it:
/// the flag, the environment variable or the key of the config file.
public enum SettingOrigin: Sendable, Equatable {
    /// Nobody set it; the built-in default applies.
    case builtInDefault
    /// A command-line flag.
    case commandLine
    /// The setting's environment variable.
    case environment
    /// A key of the JSON config file at `path`.
    case configFile(path: String)

    /// The setting as the operator wrote it, to begin a message with.
    func name(of setting: Setting) -> String {
        switch self {
        case .builtInDefault, .commandLine: setting.flag
        case .environment: setting.environmentVariable
        case .configFile(let path): "\(setting.fileKey) in \(path)"
        }
    }

    /// How to give the setting a usable value, to end a message with.
    func remedy(for setting: Setting) -> String {
        switch self {
        case .builtInDefault, .commandLine:
            "set it with \(setting.flag), \(setting.environmentVariable) or "
                + "\"\(setting.fileKey)\" in the config file."
        case .environment:
            "correct or unset \(setting.environmentVariable), or override it with "
                + "\(setting.flag)."
        case .configFile(let path):
            "correct \"\(setting.fileKey)\" in \(path), or override it with "
                + "\(setting.flag) or \(setting.environmentVariable)."
        }
    }
}

/// What a setting's value must be, without saying where the value came from; the loader
/// adds the origin's name and remedy to make the operator's message.
struct SettingValueError: Error {
    /// The rule broken and the value given, such as `must be on or off (got "maybe")`.
    var requirement: String

    /// Creates the error from the rule and the offending value.
    init(_ requirement: String) {
        self.requirement = requirement
    }
}
