/// A fixtures document that cannot be loaded, naming the entry and the field, so the
/// author can fix the file. Nothing of the document is stored when this is thrown.
public struct FixturesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The full explanation.
    public var message: String

    /// Creates an error with a complete message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message itself.
    public var description: String { message }
}

/// What a load stored, for the start-up log.
struct FixturesSummary: Sendable, Equatable {
    var organisations = 0
    var people = 0
    var salesStages = 0
    var clients = 0
    var leads = 0

    /// Log metadata with each count.
    func metadata(path: String) -> [String: String] {
        [
            "fixtures.path": path,
            "fixtures.organisations": String(organisations),
            "fixtures.people": String(people),
            "fixtures.sales_stages": String(salesStages),
            "fixtures.clients": String(clients),
            "fixtures.leads": String(leads),
        ]
    }
}
