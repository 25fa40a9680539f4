/// The list endpoint's query filters, already interpreted the way the backend does:
/// empty values and unknown statuses are ignored.
struct LeadFilter: Sendable, Equatable {
    /// Case-insensitive substring of the title.
    var name: String?
    /// Exact `lead_source`; an unknown source matches nothing.
    var source: String?
    /// Won, lost or open, derived from the win probability.
    var status: LeadStatus?

    /// Reads the filters from decoded query items; the last value of a repeated name wins,
    /// as Django's `QueryDict.get` does.
    init(queryItems: [(name: String, value: String)]) {
        func last(_ name: String) -> String? {
            guard let value = queryItems.last(where: { $0.name == name })?.value, !value.isEmpty
            else { return nil }
            return value
        }
        name = last("name")
        source = last("source")
        status = last("status").flatMap(LeadStatus.init(rawValue:))
    }
}

/// Whether a lead is still being worked on: won at 100 % win probability, lost at 0 %.
enum LeadStatus: String, Sendable {
    case won
    case lost
    case open
}
