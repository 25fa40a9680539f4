import BodyParsing
import HTTPServer

/// What a handler of an API endpoint knows once DRF's checks have passed: the request, who
/// sent it and the organisation they are allowed to act in.
struct APIContext: Sendable {
    /// The request, with path parameters filled in.
    let request: HTTPRequest
    /// The authenticated person.
    let identity: Identity
    /// Row id of the organisation named by `org_uid`, of which the person is a member.
    let organisationID: Int64
}

/// Serves one API operation group.
typealias APIHandler = @Sendable (APIContext) throws -> HTTPResponse

/// One URL of the API and the methods it answers, as a DRF view class: the methods it
/// implements, plus HEAD for GET and OPTIONS for all.
struct APIEndpoint: Sendable {
    /// The view's name, shown by OPTIONS.
    let name: String
    /// The view's description, shown by OPTIONS.
    let description: String
    /// The implemented methods and their handlers.
    let handlers: [HTTPMethod: APIHandler]

    /// DRF's `Allow` list, in the order Django lists `http_method_names`.
    var allowedMethods: [HTTPMethod] {
        let order: [HTTPMethod] = [.get, .post, .put, .patch, .delete, .head, .options]
        return order.filter { method in
            switch method {
            case .options: true
            case .head: handlers[.get] != nil
            default: handlers[method] != nil
            }
        }
    }

    /// The handler for `method`, with HEAD served by GET.
    func handler(for method: HTTPMethod) -> APIHandler? {
        handlers[method] ?? (method == .head ? handlers[.get] : nil)
    }

    /// DRF's `SimpleMetadata` answer to OPTIONS.
    func metadata() -> HTTPResponse {
        JSONResponse.make(
            .ok,
            .object(
                JSONObject([
                    ("name", .string(name)),
                    ("description", .string(description)),
                    ("renders", .array([.string("application/json"), .string("text/html")])),
                    ("parses", .array(BodyDecoder.parsedMediaTypes.map { .string($0) })),
                ])
            )
        )
    }
}
