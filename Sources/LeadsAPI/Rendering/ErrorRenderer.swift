import HTTPServer
import LeadsDomain
import Log
import Storage

/// The one place where a thrown error becomes a response. Known errors get DRF's status,
/// headers and body; database outages become 503; anything else is a bare 500 whose
/// details go only to the log.
struct ErrorRenderer: Sendable {
    /// Where unexpected errors are reported.
    let logger: Logger

    /// The response for `error`, raised while serving `request`.
    func response(for error: any Error, request: HTTPRequest) -> HTTPResponse {
        if let error = error as? APIError {
            return response(for: error)
        }
        if let error = error as? DatabaseError, error.isUnavailable {
            logger.warning(
                "Database unavailable",
                metadata: ["request.id": request.requestID, "error.message": error.description]
            )
            return response(for: .serviceUnavailable(Self.unavailableDetail))
        }
        if let error = error as? any HTTPResponseError {
            return error.response
        }

        logger.error(
            "Unexpected error",
            metadata: [
                "request.id": request.requestID,
                "error.type": String(describing: type(of: error)),
                "error.message": String(describing: error),
            ]
        )
        return DjangoPage.serverError()
    }

    /// The response the backend would send with `status`, for simulated failures. On an
    /// API URL (`allowedMethods` given) it also carries the `Allow` and `Vary` headers DRF
    /// puts on every answer of the view, so a forced failure looks like a real one.
    func simulatedResponse(
        status: Int,
        request: HTTPRequest,
        allowedMethods: [HTTPMethod]? = nil
    ) -> HTTPResponse {
        var response = simulatedAnswer(status: status, request: request)
        guard let allowedMethods else { return response }

        response.headers.set(
            name: "Allow",
            value: allowedMethods.map(\.rawValue).joined(separator: ", ")
        )
        let readsSession = !APIPipeline.offersBasicCredentials(request)
        response.headers.set(name: "Vary", value: readsSession ? "Accept, Cookie" : "Accept")
        return response
    }

    /// The status line, headers and body DRF or Django send for `status`.
    private func simulatedAnswer(status: Int, request: HTTPRequest) -> HTTPResponse {
        switch status {
        case 400:
            return JSONResponse.make(
                .badRequest,
                FieldErrors(
                    field: FieldErrors.nonFieldErrorsKey,
                    message: "Simulated invalid request."
                ).jsonValue
            )
        case 401: return response(for: .notAuthenticated)
        case 403: return response(for: .permissionDenied(APIError.permissionDeniedDetail))
        case 404: return response(for: .notFound("Not found."))
        case 405: return response(for: .methodNotAllowed(request.method))
        case 406: return response(for: .notAcceptable)
        case 415:
            return response(
                for: .unsupportedMediaType(request.headers["Content-Type"] ?? "")
            )
        case 429:
            var response = JSONResponse.detail(
                HTTPStatus(code: 429),
                "Request was throttled. Expected available in 1 second."
            )
            response.headers.add(name: "Retry-After", value: "1")
            return response
        case 500: return DjangoPage.serverError()
        case 503:
            // DRF's `ServiceUnavailable`, which names no wait and so sends no `Retry-After`.
            return JSONResponse.detail(
                .serviceUnavailable,
                "Service temporarily unavailable, try again later."
            )
        default:
            let reason = DjangoReasonPhrase.phrase(for: status)
            return JSONResponse.detail(HTTPStatus(code: status, reasonPhrase: reason), reason + ".")
        }
    }

    /// What a client reads when the database is read-only, full or locked.
    static let unavailableDetail =
        "The database is temporarily unavailable (read-only, full or locked). "
        + "Retry the request shortly."

    /// DRF's rendering of each API error.
    func response(for error: APIError) -> HTTPResponse {
        switch error {
        case .validation(let errors):
            return JSONResponse.make(.badRequest, errors.jsonValue)
        case .malformedBody(let detail):
            return JSONResponse.detail(.badRequest, detail)
        case .notAuthenticated:
            return challenge(JSONResponse.detail(.unauthorized, APIError.notAuthenticatedDetail))
        case .authenticationFailed(let detail):
            return challenge(JSONResponse.detail(.unauthorized, detail))
        case .permissionDenied(let detail):
            return JSONResponse.detail(.forbidden, detail)
        case .notFound(let detail):
            return JSONResponse.detail(.notFound, detail)
        case .methodNotAllowed(let method, let allowed):
            var response = JSONResponse.detail(
                .methodNotAllowed,
                "Method \"\(method.rawValue)\" not allowed."
            )
            if !allowed.isEmpty {
                let names = allowed.map(\.rawValue).joined(separator: ", ")
                response.headers.set(name: "Allow", value: names)
            }
            return response
        case .notAcceptable:
            return JSONResponse.detail(
                .notAcceptable,
                "Could not satisfy the request Accept header."
            )
        case .unsupportedMediaType(let mediaType):
            return JSONResponse.detail(
                .unsupportedMediaType,
                "Unsupported media type \"\(mediaType)\" in request."
            )
        case .serviceUnavailable(let detail):
            var response = JSONResponse.detail(.serviceUnavailable, detail)
            response.headers.add(name: "Retry-After", value: "1")
            return response
        }
    }

    /// Adds the header DRF sends with every 401, naming Basic as the scheme to use.
    private func challenge(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.add(name: "WWW-Authenticate", value: "Basic realm=\"api\"")
        return response
    }
}
