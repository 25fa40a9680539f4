public import BodyParsing

/// What a client submitted, independent of the encoding, so the validator can apply DRF's
/// JSON rules or its HTML form rules (which differ for empty values).
public enum SubmittedBody: Sendable {
    /// A JSON body, whatever its top-level type; DRF rejects non-objects with a message
    /// naming the Python type. An empty JSON body should be passed as an empty object, as
    /// DRF's request parsing gives `{}` for it.
    case json(JSONValue)

    /// URL-encoded or multipart fields in order; repeated names are kept and the last one
    /// wins, as Django's `QueryDict` does. DRF adds a multipart body's files after the
    /// fields, so a file wins over a field of the same name.
    case form([(name: String, value: String)], files: [SubmittedFile] = [])
}
