/// Reads and checks the allowed-origins setting: `scheme://host[:port]` entries, where a
/// port of `*` stands for any port.
enum CORSOriginList {
    /// The origins in `text`, comma-separated; `none` or an empty text allows none.
    static func parse(_ text: String) throws(SettingValueError) -> [String] {
        let trimmed = text.trimming(" ")
        guard !trimmed.isEmpty, trimmed.lowercased() != "none" else { return [] }

        var origins: [String] = []
        for part in trimmed.split(separator: ",") {
            let origin = String(part).trimming(" ")
            guard isOrigin(origin) else {
                throw SettingValueError(
                    "entries must look like http://localhost:3000 or http://localhost:* "
                        + "(got \"\(origin)\")"
                )
            }
            origins.append(origin.lowercased())
        }
        return origins
    }

    private static func isOrigin(_ text: String) -> Bool {
        let schemes = ["http://", "https://"]
        guard let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            return false
        }
        let authority = text.dropFirst(scheme.count)
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("@") else {
            return false
        }
        if let colon = authority.lastIndex(of: ":") {
            let port = authority[authority.index(after: colon)...]
            guard port == "*" || (Int(port).map { (1...65535).contains($0) } ?? false) else {
                return false
            }
            return colon != authority.startIndex
        }
        return true
    }
}
