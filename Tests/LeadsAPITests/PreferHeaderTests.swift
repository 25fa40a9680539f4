import BodyParsing
import LeadsAPI
import Log
import TestSupport
import Testing

@Suite("Prefer headers forcing a status or a delay on one request")
struct PreferHeaderTests {
    /// Sends an authenticated list request with one `Prefer` header.
    static func list(_ server: APITestServer, prefer: String) throws -> ClientResponse {
        try server.request("GET", leadsPath(), as: "alice", headers: [("Prefer", prefer)])
    }

    @Test("forced statuses come with the body and headers the backend would send")
    func forcedStatuses() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let unauthorized = try Self.list(server, prefer: "code=401")
        expectJSON(
            unauthorized,
            401,
            #"{"detail":"Authentication credentials were not provided."}"#
        )
        #expect(unauthorized.header("WWW-Authenticate") == #"Basic realm="api""#)

        expectJSON(
            try Self.list(server, prefer: "code=403"),
            403,
            #"{"detail":"You do not have permission to perform this action."}"#
        )
        expectJSON(try Self.list(server, prefer: "code=404"), 404, #"{"detail":"Not found."}"#)

        let serverError = try Self.list(server, prefer: "code=500")
        #expect(serverError.status == 500)
        #expect(serverError.header("Content-Type") == "text/html; charset=utf-8")
        #expect(serverError.text.contains("<h1>Server Error (500)</h1>"))

        let unavailable = try Self.list(server, prefer: "code=503")
        expectJSON(
            unavailable,
            503,
            #"{"detail":"Service temporarily unavailable, try again later."}"#
        )
        #expect(unavailable.header("Retry-After") == nil)

        let throttled = try Self.list(server, prefer: "code=429")
        #expect(throttled.status == 429)
        #expect(throttled.header("Retry-After") != nil)
        let invalid = try Self.list(server, prefer: "code=400")
        #expect(invalid.status == 400)
        #expect(try parsedBody(invalid).member("non_field_errors")?.arrayValue?.count == 1)
        let teapot = try Self.list(server, prefer: "code=418")
        expectJSON(teapot, 418, #"{"detail":"I'm a Teapot."}"#)
        #expect(teapot.reason == "I'm a Teapot")
        let tooLarge = try Self.list(server, prefer: "code=413")
        #expect(tooLarge.reason == "Request Entity Too Large")
    }

    @Test("forced answers on an API URL carry the Allow and Vary of the view's real answers")
    func forcedAnswersCarryViewHeaders() throws {
        let server = try APITestServer()
        defer { server.stop() }
        let update = leadsPath("org-a", "lead-1/update/")

        let real = try server.request("PUT", update, headers: [])
        let forced = try server.request("PUT", update, headers: [("Prefer", "code=401")])
        #expect(real.status == 401)
        #expect(forced.status == 401)
        for name in ["Allow", "Vary", "WWW-Authenticate"] {
            #expect(forced.headerValues(name) == real.headerValues(name), "\(name)")
        }
        #expect(forced.header("Allow") == "PUT, PATCH, OPTIONS")
        #expect(forced.header("Vary") == "Accept, Cookie, Origin")

        let basic = try server.request(
            "GET",
            leadsPath(),
            as: "alice",
            headers: [("Prefer", "code=404")]
        )
        #expect(basic.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(basic.header("Vary") == "Accept, Origin")
    }

    @Test("a forced status needs no credentials and leaves the data alone")
    func forcedStatusSkipsTheView() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let failed = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-1/delete/"),
            headers: [("Prefer", "code=503")]
        )
        #expect(failed.status == 503)
        let deleteFailed = try server.request(
            "DELETE",
            leadsPath("org-a", "lead-1/delete/"),
            as: "alice",
            headers: [("Prefer", "code=500")]
        )
        #expect(deleteFailed.status == 500)

        let lead = try server.request("GET", leadsPath("org-a", "lead-1/"), as: "alice")
        #expect(lead.status == 200)
    }

    @Test("values that are not usable are ignored, as RFC 7240 asks")
    func unusablePreferencesAreIgnored() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for prefer in ["code=200", "code=abc", "code=99999", "return=minimal", "delay=-5", "code"] {
            #expect(try Self.list(server, prefer: prefer).status == 200, "\(prefer)")
        }
        #expect(try Self.list(server, prefer: "respond-async, code=404").status == 404)
        #expect(try Self.list(server, prefer: "code=\"409\"").status == 409)
    }

    @Test("a delay holds the answer back by at least that long")
    func delay() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let start = Timestamp.now()
        let response = try Self.list(server, prefer: "delay=300")
        let elapsed = Timestamp.now() - start

        #expect(response.status == 200)
        #expect(try listedUniqueIDs(response) == ["lead-3", "lead-2", "lead-1"])
        #expect(elapsed >= 0.3, "\(elapsed)")

        let both = Timestamp.now()
        let failed = try Self.list(server, prefer: "code=503, delay=200")
        #expect(failed.status == 503)
        #expect(Timestamp.now() - both >= 0.2)
    }

    @Test("switched off, Prefer headers change nothing")
    func switchedOff() throws {
        let server = try APITestServer { $0.preferHeaderEnabled = false }
        defer { server.stop() }

        for prefer in ["code=503", "code=401", "code=500", "code=404, delay=5000"] {
            let response = try Self.list(server, prefer: prefer)
            #expect(response.status == 200, "\(prefer)")
            #expect(try listedUniqueIDs(response) == ["lead-3", "lead-2", "lead-1"])
        }
        let anonymous = try server.request("GET", leadsPath(), headers: [("Prefer", "code=200")])
        #expect(anonymous.status == 401)
    }
}
