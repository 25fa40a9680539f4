import HTTPServer
import LeadsDomain

/// Every way an API request can fail, named by what went wrong. `ErrorRenderer` turns each
/// into the exact status, headers and body the DRF backend sends, in one place.
enum APIError: Error, Sendable {
    /// 400 with `{"field": ["message", ...]}` listing every invalid field.
    case validation(FieldErrors)
    /// 400 with `{"detail": "..."}`, for bodies that cannot be parsed.
    case malformedBody(String)
    /// 401: no credentials were offered.
    case notAuthenticated
    /// 401: credentials were offered and refused; the detail says how.
    case authenticationFailed(String)
    /// 403: authenticated but not allowed, or a CSRF failure; the detail says which.
    case permissionDenied(String)
    /// 404 with DRF's detail for a missing object.
    case notFound(String)
    /// 405 for a method the endpoint does not have; `allowed`, when not empty, becomes the
    /// `Allow` header (API views set theirs in `APIPipeline`).
    case methodNotAllowed(HTTPMethod, allowed: [HTTPMethod] = [])
    /// 406 when no renderer satisfies the `Accept` header.
    case notAcceptable
    /// 415 for a body in a media type no parser reads.
    case unsupportedMediaType(String)
    /// 503 when the database cannot be written or read right now.
    case serviceUnavailable(String)

    /// DRF's message for a request without credentials.
    static let notAuthenticatedDetail = "Authentication credentials were not provided."
    /// DRF's message for an authenticated request the permission check refuses.
    static let permissionDeniedDetail = "You do not have permission to perform this action."
}
