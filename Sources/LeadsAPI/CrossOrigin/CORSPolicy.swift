/// Which browser origins may call the API with credentials. An entry ending in `:*`
/// matches the same scheme and host on any port, or on none.
struct CORSPolicy: Sendable {
    /// The configured entries, lower-cased.
    let origins: [String]

    /// Creates a policy from configured entries such as `http://localhost:*`.
    init(origins: [String]) {
        self.origins = origins.map { $0.lowercased() }
    }

    /// Whether `origin` (the `Origin` header's value) is allowed.
    func allows(_ origin: String) -> Bool {
        let origin = origin.lowercased()
        return origins.contains { entry in
            guard entry.hasSuffix(":*") else { return entry == origin }
            let base = entry.dropLast(2)
            guard origin.hasPrefix(base) else { return false }
            let rest = origin.dropFirst(base.count)
            guard let colon = rest.first else { return true }
            let port = rest.dropFirst()
            return colon == ":" && !port.isEmpty && port.allSatisfy(\.isNumber)
        }
    }
}
