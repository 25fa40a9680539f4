import BodyParsing
import LeadsDomain

/// A JSON object body built from ordered pairs.
func jsonBody(_ pairs: [(String, JSONValue)]) -> SubmittedBody {
    .json(.object(JSONObject(pairs)))
}

/// A JSON string value.
func text(_ value: String) -> JSONValue {
    .string(value)
}

/// A JSON number value, written as a client would write it.
func number(_ written: String) -> JSONValue {
    .number(written)
}

/// Storage as a test arranges it: the sales stages, clients and lead identifiers that
/// exist in the organisation.
func lookup(
    salesStages: Set<String> = ["stage-1", "stage-2", "5", "True", "1.5"],
    clients: Set<String> = ["client-1", "7"],
    takenUniqueIDs: Set<String> = ["taken-id"]
) -> ReferenceLookup {
    ReferenceLookup(
        salesStageExists: { salesStages.contains($0) },
        clientExists: { clients.contains($0) },
        uniqueIDTaken: { takenUniqueIDs.contains($0) }
    )
}

/// The three fields a create or full update must carry, all valid.
let requiredFields: [(String, JSONValue)] = [
    ("title", text("Deal")),
    ("lead_source", text("website")),
    ("sales_stage", text("stage-1")),
]

/// Validates and returns the errors, or nil when validation passed.
func errors(
    _ body: SubmittedBody,
    mode: WriteMode = .create,
    lookup storage: ReferenceLookup = lookup()
) -> FieldErrors? {
    if case .failure(let errors) = LeadValidator.validate(body, mode: mode, lookup: storage) {
        return errors
    }
    return nil
}

/// Validates and returns the changes, or nil when validation failed.
func changes(
    _ body: SubmittedBody,
    mode: WriteMode = .create,
    lookup storage: ReferenceLookup = lookup()
) -> LeadChanges? {
    try? LeadValidator.validate(body, mode: mode, lookup: storage).get()
}

/// Errors expected for one field.
func fieldErrors(_ entries: (String, [String])...) -> FieldErrors {
    var errors = FieldErrors()
    for (field, messages) in entries {
        for message in messages { errors.add(field, message) }
    }
    return errors
}
