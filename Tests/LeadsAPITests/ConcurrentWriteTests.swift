import Credentials
import Dispatch
import Locking
import TestSupport
import Testing

/// Creates sent at the same moment share commits on the server; each must still succeed
/// or fail on its own, exactly as if it had been alone.
@Suite struct ConcurrentWriteTests {
    @Test("thirty simultaneous creates all land, each answered with its own lead")
    func simultaneousCreatesAllLand() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let port = server.port
        let titles = LockedValues()
        let group = DispatchGroup()
        for number in 0..<30 {
            DispatchQueue(label: "client-\(number)").async(group: group) {
                let response = try? createAsAlice(
                    port: port,
                    body: #"{"title": "Parallel \#(number)", "lead_source": "website", "#
                        + #""sales_stage": "stage-new"}"#
                )
                titles.record(number, response?.status ?? 0, response?.text ?? "")
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)

        for (number, status, text) in titles.all {
            #expect(status == 201, "create \(number)")
            #expect(text.contains(#""title":"Parallel \#(number)""#), "create \(number)")
        }
        let list = try server.request("GET", leadsPath("org-a"), as: "alice").text
        for number in 0..<30 {
            #expect(list.contains(#""title":"Parallel \#(number)""#))
        }
    }

    @Test("of simultaneous creates with one unique_id, exactly one wins; the rest are 400")
    func simultaneousDuplicatesLoseAlone() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let port = server.port
        let outcomes = LockedValues()
        let group = DispatchGroup()
        for number in 0..<12 {
            DispatchQueue(label: "client-\(number)").async(group: group) {
                let response = try? createAsAlice(
                    port: port,
                    body: #"{"unique_id": "contested", "title": "Try \#(number)", "#
                        + #""lead_source": "website", "sales_stage": "stage-new"}"#
                )
                outcomes.record(number, response?.status ?? 0, response?.text ?? "")
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)

        let statuses = outcomes.all.map(\.status)
        #expect(statuses.filter { $0 == 201 }.count == 1)
        #expect(statuses.filter { $0 == 400 }.count == 11)
        for (_, status, text) in outcomes.all where status == 400 {
            #expect(text.hasPrefix(#"{"unique_id":["#))
        }
        let stored = try server.request("GET", leadsPath("org-a", "contested/"), as: "alice")
        #expect(stored.status == 200)
    }
}

/// POSTs a create as alice over a connection of its own.
private func createAsAlice(port: Int, body: String) throws -> ClientResponse {
    try RawHTTPClient(port: port).request(
        method: "POST",
        path: leadsPath("org-a", "create/"),
        headers: [
            ("Authorization", "Basic " + Base64.encode(Array("alice:alice-pass".utf8))),
            ("Content-Type", "application/json"),
        ],
        body: Array(body.utf8)
    )
}

/// Responses gathered from several client threads.
private final class LockedValues: Sendable {
    private let values = Locked<[(number: Int, status: Int, text: String)]>([])

    func record(_ number: Int, _ status: Int, _ text: String) {
        values.withLock { $0.append((number, status, text)) }
    }

    var all: [(number: Int, status: Int, text: String)] {
        values.withLock { $0.sorted { $0.number < $1.number } }
    }
}
