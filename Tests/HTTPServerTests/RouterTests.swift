import HTTPServer
import Testing

@Suite struct RouterTests {
    /// A handler that answers with its own name, so a test can tell which route matched.
    private func named(_ name: String) -> @Sendable (HTTPRequest) throws -> HTTPResponse {
        { _ in HTTPResponse(status: .ok, body: Array(name.utf8)) }
    }

    /// The matched handler's name and the parameters, or nil when nothing matched.
    private func resolve(
        _ router: Router,
        _ method: HTTPMethod,
        _ path: String
    ) throws -> (name: String, parameters: [String: String])? {
        guard case .found(let handler, let parameters) = router.match(method: method, path: path)
        else {
            return nil
        }
        let response = try handler(HTTPRequest(method: method, target: path))
        return (String(decoding: response.body, as: UTF8.self), parameters)
    }

    private func leadsRouter() -> Router {
        var router = Router()
        router.add(.get, "/api/v1.0/organisation/{org_uid}/leads/", named("list"))
        router.add(.post, "/api/v1.0/organisation/{org_uid}/leads/", named("create"))
        router.add(.get, "/api/v1.0/organisation/{org_uid}/leads/{unique_id}/", named("detail"))
        router.add(
            .delete,
            "/api/v1.0/organisation/{org_uid}/leads/{unique_id}/",
            named("remove")
        )
        return router
    }

    @Test func capturesPathParameters() throws {
        let found = try #require(
            try resolve(leadsRouter(), .get, "/api/v1.0/organisation/acme/leads/L-42/")
        )
        #expect(found.name == "detail")
        #expect(found.parameters == ["org_uid": "acme", "unique_id": "L-42"])
    }

    @Test func decodesParametersAfterSplittingSoEncodedSlashesStayInside() throws {
        let found = try #require(
            try resolve(leadsRouter(), .get, "/api/v1.0/organisation/a%2Fb/leads/caf%C3%A9%20x/")
        )
        #expect(found.parameters == ["org_uid": "a/b", "unique_id": "café x"])
    }

    @Test(arguments: [
        "/api/v1.0/organisation/a%zz/leads/", "/api/v1.0/organisation/%FF/leads/",
        "/api/v1.0/organisation/%4/leads/",
    ])
    func refusesInvalidEscapes(path: String) throws {
        guard case .notFound = leadsRouter().match(method: .get, path: path) else {
            Issue.record("expected notFound for \(path)")
            return
        }
    }

    @Test func treatsTheTrailingSlashAsPartOfTheLiteral() throws {
        #expect(try resolve(leadsRouter(), .get, "/api/v1.0/organisation/acme/leads/") != nil)
        guard
            case .notFound = leadsRouter().match(
                method: .get,
                path: "/api/v1.0/organisation/acme/leads"
            )
        else {
            Issue.record("expected notFound without the trailing slash")
            return
        }
    }

    @Test func neverFillsAParameterWithAnEmptySegment() {
        guard
            case .notFound = leadsRouter().match(
                method: .get,
                path: "/api/v1.0/organisation//leads/"
            )
        else {
            Issue.record("expected notFound")
            return
        }
    }

    @Test func comparesLiteralsExactly() {
        guard
            case .notFound = leadsRouter().match(
                method: .get,
                path: "/API/v1.0/organisation/a/leads/"
            )
        else {
            Issue.record("expected notFound for a different case")
            return
        }
    }

    @Test func listsAllowedMethodsInAStableOrder() {
        let router = leadsRouter()
        guard
            case .methodNotAllowed(let allowed) = router.match(
                method: .put,
                path: "/api/v1.0/organisation/acme/leads/"
            )
        else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == [.get, .post, .head, .options])

        guard
            case .methodNotAllowed(let detailAllowed) = router.match(
                method: HTTPMethod(rawValue: "BREW"),
                path: "/api/v1.0/organisation/acme/leads/x/"
            )
        else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(detailAllowed == [.get, .delete, .head, .options])
    }

    @Test func omitsHeadWhenThereIsNoGet() {
        var router = Router()
        router.add(.post, "/login/", named("login"))
        guard case .methodNotAllowed(let allowed) = router.match(method: .get, path: "/login/")
        else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == [.post, .options])
    }

    @Test func answersHeadWithTheGetRouteUnlessAHeadRouteExists() throws {
        var router = leadsRouter()
        let fallback = try #require(try resolve(router, .head, "/api/v1.0/organisation/a/leads/"))
        #expect(fallback.name == "list")
        #expect(fallback.parameters == ["org_uid": "a"])

        router.add(.head, "/api/v1.0/organisation/{org_uid}/leads/", named("head"))
        let explicit = try #require(try resolve(router, .head, "/api/v1.0/organisation/a/leads/"))
        #expect(explicit.name == "head")
    }

    @Test func prefersTheFirstRegisteredRoute() throws {
        var router = Router()
        router.add(.get, "/items/special/", named("literal"))
        router.add(.get, "/items/{id}/", named("parameter"))
        #expect(try resolve(router, .get, "/items/special/")?.name == "literal")
        #expect(try resolve(router, .get, "/items/7/")?.name == "parameter")
    }

    @Test func reportsUnknownPaths() {
        guard case .notFound = leadsRouter().match(method: .get, path: "/nothing/here/") else {
            Issue.record("expected notFound")
            return
        }
    }
}
