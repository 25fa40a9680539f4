/// The kind of write, which decides whether missing required fields are errors.
public enum WriteMode: Sendable {
    /// `POST`: a new lead; required fields must be present.
    case create
    /// `PUT`: required fields must be present, but omitted optional fields keep their
    /// stored values, as DRF does.
    case fullUpdate
    /// `PATCH`: every field is optional; `{}` is a valid request that changes nothing.
    case partialUpdate
}
