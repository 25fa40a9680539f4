import HTTPServer
import Locking
import Testing

/// The order in which the layers of a chain ran.
private final class Trail: Sendable {
    private let entries = Locked<[String]>([])

    func append(_ entry: String) {
        entries.withLock { $0.append(entry) }
    }

    var all: [String] { entries.withLock { $0 } }
}

/// Records its name on the way in and adds a header on the way out.
private struct Tagging: Middleware {
    let name: String
    let trail: Trail

    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        trail.append(name)
        var response = try next(request)
        response.headers.add(name: "X-Trail", value: name)
        return response
    }
}

/// Refuses every request without calling the rest of the chain.
private struct Refusing: Middleware {
    struct Refused: HTTPResponseError {
        var response: HTTPResponse { HTTPResponse(status: .forbidden) }
    }

    func respond(
        to request: HTTPRequest,
        next: (HTTPRequest) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        throw Refused()
    }
}

private struct Unexpected: Error {}

@Suite struct MiddlewareChainTests {
    @Test func runsMiddlewareOutermostFirst() {
        let trail = Trail()
        let chain = MiddlewareChain(
            middleware: [
                Tagging(name: "outer", trail: trail), Tagging(name: "inner", trail: trail),
            ],
            errorResponder: MiddlewareChain.defaultErrorResponder,
            handler: { _ in
                trail.append("handler")
                return HTTPResponse(status: .ok)
            }
        )

        let response = chain.respond(to: HTTPRequest(method: .get, target: "/"))
        #expect(trail.all == ["outer", "inner", "handler"])
        #expect(response.headers.values(for: "X-Trail") == ["inner", "outer"])
    }

    @Test func turnsErrorsIntoResponsesInOnePlace() {
        let chain = MiddlewareChain(
            middleware: [],
            errorResponder: { error, request in
                HTTPResponse.jsonDetail(
                    status: .internalServerError,
                    detail: "\(type(of: error)) at \(request.path)"
                )
            },
            handler: { _ in throw Unexpected() }
        )
        let response = chain.respond(to: HTTPRequest(method: .get, target: "/boom?x=1"))
        #expect(response.status == .internalServerError)
        #expect(
            String(decoding: response.body, as: UTF8.self) == #"{"detail":"Unexpected at /boom"}"#
        )
    }

    @Test func defaultErrorResponderUsesTheErrorsOwnResponse() {
        let chain = MiddlewareChain(
            middleware: [Refusing()],
            errorResponder: MiddlewareChain.defaultErrorResponder,
            handler: { _ in HTTPResponse(status: .ok) }
        )
        #expect(chain.respond(to: HTTPRequest(method: .get, target: "/")).status == .forbidden)

        let failing = MiddlewareChain(
            middleware: [],
            errorResponder: MiddlewareChain.defaultErrorResponder,
            handler: { _ in throw Unexpected() }
        )
        let response = failing.respond(to: HTTPRequest(method: .get, target: "/"))
        #expect(response.status == .internalServerError)
        #expect(response.headers["content-type"] == "application/json")
    }
}
