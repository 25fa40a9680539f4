import BodyParsing
import HTTPServer

/// Builders for the responses DRF's `JSONRenderer` produces: compact JSON with
/// `Content-Type: application/json`, and no body or content type for 204.
enum JSONResponse {
    /// A response carrying `value` as compact JSON.
    static func make(_ status: HTTPStatus, _ value: JSONValue) -> HTTPResponse {
        make(status, body: JSONWriter.serialize(value))
    }

    /// A response carrying JSON already serialized compactly.
    static func make(_ status: HTTPStatus, body: [UInt8]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// `{"detail": "..."}`, the body of every DRF error that is not about fields.
    static func detail(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        make(status, .object(JSONObject([("detail", .string(message))])))
    }

    /// `response` with its JSON body pretty-printed `indent` spaces a level, as DRF renders
    /// for `Accept: application/json; indent=N`; other responses come back unchanged.
    static func indented(_ response: HTTPResponse, by indent: Int) -> HTTPResponse {
        guard response.headers["Content-Type"] == "application/json", !response.body.isEmpty,
            let value = try? JSONParser.parse(response.body)
        else { return response }

        var indented = response
        indented.body = JSONWriter.serialize(value, indent: indent)
        return indented
    }

    /// A 204 with no body and no content type, as DRF sends for a deletion.
    static func noContent() -> HTTPResponse {
        HTTPResponse(status: .noContent)
    }
}

/// Django's own pages for requests that never reach the API views.
enum DjangoPage {
    /// The production 404 page Django sends for a path no URL pattern matches.
    static func notFound() -> HTTPResponse {
        html(
            .notFound,
            "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n"
                + "</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not "
                + "found on this server.</p>\n</body>\n</html>\n"
        )
    }

    /// The production 500 page Django sends when a view fails unexpectedly.
    static func serverError() -> HTTPResponse {
        html(
            .internalServerError,
            "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)"
                + "</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n"
                + "</html>\n"
        )
    }

    /// The permanent redirect `APPEND_SLASH` sends for a path missing its final slash.
    static func appendSlashRedirect(to location: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        headers.add(name: "Location", value: location)
        return HTTPResponse(status: .movedPermanently, headers: headers)
    }

    /// An HTML response in UTF-8.
    static func html(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }
}
