/// The text `--help` prints: every command, then every option with its default and its
/// environment variable, so nobody has to read the source to configure the server.
public enum HelpText {
    /// Help for the whole program, or for one command when `command` names it.
    public static func render(command: String?) -> String {
        var lines: [String] = []
        let defaults = ServerConfiguration()
        switch command {
        case "migrate":
            lines.append("Usage: leads-server migrate [options]")
            lines.append("")
            lines.append("Applies pending database migrations and exits.")
        case "load-fixtures":
            lines.append("Usage: leads-server load-fixtures <file> [options]")
            lines.append("")
            lines.append("Loads a fixtures document into the database and exits. Rows with an")
            lines.append("existing unique_id are updated, so loading twice changes nothing.")
        case "version":
            lines.append("Usage: leads-server version")
            lines.append("")
            lines.append("Prints the version and exits.")
            return lines.joined(separator: "\n") + "\n"
        case "serve":
            lines.append("Usage: leads-server serve [options]")
            lines.append("")
            lines.append("Runs the Leads API server until SIGTERM or SIGINT.")
        default:
            lines.append("leads-server \(Version.current): a reference server for the Leads API.")
            lines.append("")
            lines.append("Usage: leads-server [command] [options]")
            lines.append("")
            lines.append("Commands:")
            lines.append("  serve                  Run the server (the default).")
            lines.append("  migrate                Apply pending database migrations and exit.")
            lines.append("  load-fixtures <file>   Load a fixtures document and exit.")
            lines.append("  version                Print the version and exit.")
            lines.append("  help                   Show this text.")
        }

        lines.append("")
        lines.append("Options (flag, then environment variable; flags win over the")
        lines.append("environment, which wins over the config file):")
        lines.append("  --config <path>")
        lines.append("      JSON config file. Env: LEADS_SERVER_CONFIG.")
        lines.append("      Default: \(ConfigurationLoader.defaultConfigPath) when present.")
        for setting in Setting.all {
            lines.append("  \(setting.flag) \(setting.valueName)")
            lines.append("      \(setting.summary) Env: \(setting.environmentVariable).")
            lines.append(
                "      Default: \(setting.show(defaults)). Config key: \(setting.fileKey)."
            )
        }
        lines.append("  -h, --help")
        lines.append("      Show help for the program or for the command before it.")
        return lines.joined(separator: "\n") + "\n"
    }
}
