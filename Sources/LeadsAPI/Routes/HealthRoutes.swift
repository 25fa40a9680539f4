import BodyParsing
import HTTPServer

/// `GET /healthz` for container health checks: no authentication, no database work.
enum HealthRoutes {
    /// Registers the health check.
    static func register(in router: inout Router) {
        let body = JSONResponse.make(.ok, .object(JSONObject([("status", .string("ok"))])))
        router.add(.get, "/healthz") { _ in body }
    }
}
