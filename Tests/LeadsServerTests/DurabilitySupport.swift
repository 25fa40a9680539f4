import Foundation
import Locking
import Log
import Storage
import Synchronization
import TestSupport

/// What the durability test's clients were told, lead by lead: the body of the last write
/// the server acknowledged and, when a write was cut off by the crash, the description it
/// would have set. Shared by the writer threads, so everything sits behind a mutex.
final class WriteLedger: Sendable {
    /// One lead's acknowledged state and the write that may or may not have landed.
    struct LeadHistory {
        /// The exact body of the last 2xx response for the lead (create or update).
        var acknowledgedBody: String
        /// The description of an update that was sent but never answered.
        var pendingDescription: String?
    }

    private struct State {
        var leads: [String: LeadHistory] = [:]
        var acknowledgedInTrial = 0
        var createsWithoutAnswer = 0
        var knownLeadCount = 0
        var failures: [String] = []
    }

    private let state = Locked(State())
    private let killed = Atomic(false)

    /// Writes acknowledged since the current trial began.
    var acknowledgedInTrial: Int {
        state.withLock { $0.acknowledgedInTrial }
    }

    /// Failures seen before the crash: refused writes, errors, unreadable answers.
    var failures: [String] {
        state.withLock { $0.failures }
    }

    /// Whether the crash has been ordered, after which connection errors are expected.
    var isKilled: Bool {
        killed.load(ordering: .acquiring)
    }

    /// Starts a trial: the counter of acknowledgements restarts and the server is alive.
    func beginTrial() {
        state.withLock { $0.acknowledgedInTrial = 0 }
        killed.store(false, ordering: .releasing)
    }

    /// Marks the moment just before the server is killed.
    func markKilled() {
        killed.store(true, ordering: .releasing)
    }

    /// Records a 2xx answer for `uniqueID`; it replaces whatever was known of the lead.
    func acknowledge(_ uniqueID: String, body: String) {
        state.withLock {
            if $0.leads[uniqueID] == nil { $0.knownLeadCount += 1 }
            $0.leads[uniqueID] = LeadHistory(acknowledgedBody: body, pendingDescription: nil)
            $0.acknowledgedInTrial += 1
        }
    }

    /// Records an update that got no answer; the lead may show it after the restart.
    func updateWithoutAnswer(_ uniqueID: String, description: String) {
        state.withLock { $0.leads[uniqueID]?.pendingDescription = description }
    }

    /// Records a create that got no answer; the lead may or may not exist.
    func createWithoutAnswer() {
        state.withLock { $0.createsWithoutAnswer += 1 }
    }

    /// Records a failure that happened while the server was supposed to be healthy.
    func fail(_ message: String) {
        state.withLock { $0.failures.append(message) }
    }

    /// Reads every known lead back from a restarted server and returns what does not
    /// match: a lost lead, a body other than the one acknowledged (or the unanswered
    /// update), or more leads than were ever created. What the server shows becomes the
    /// new acknowledged state, so a later crash may not undo it either.
    func verify(client: RawHTTPClient, authorization: String, path: String) throws -> [String] {
        let leads = state.withLock { $0.leads }
        var mismatches: [String] = []
        var observed: [String: String] = [:]
        for (uniqueID, history) in leads {
            let response = try client.request(
                path: path + uniqueID + "/",
                headers: [("Authorization", authorization)]
            )
            guard response.status == 200 else {
                mismatches.append("\(uniqueID): status \(response.status) after the restart")
                continue
            }
            let text = response.text
            observed[uniqueID] = text
            if text == history.acknowledgedBody { continue }
            if let pending = history.pendingDescription,
                LeadJSON.field("description", in: text) == pending
            {
                continue
            }
            mismatches.append(
                "\(uniqueID): acknowledged \(history.acknowledgedBody), found \(text)"
            )
        }

        let list = try client.request(path: path, headers: [("Authorization", authorization)])
        let listed = LeadJSON.uniqueIDs(inList: list.text)
        let (known, unanswered) = state.withLock { ($0.knownLeadCount, $0.createsWithoutAnswer) }
        if list.status != 200 || listed.count < known || listed.count > known + unanswered {
            mismatches.append(
                "list: status \(list.status), \(listed.count) leads; expected from \(known) "
                    + "to \(known + unanswered)"
            )
        }
        for uniqueID in leads.keys where !listed.contains(uniqueID) {
            mismatches.append("\(uniqueID): missing from the list")
        }

        state.withLock { state in
            for (uniqueID, text) in observed {
                state.leads[uniqueID] = LeadHistory(acknowledgedBody: text)
            }
            state.knownLeadCount = listed.count
            state.createsWithoutAnswer = 0
        }
        return mismatches
    }
}

/// One writer thread: creates leads of its own and updates them, one request at a time on
/// one keep-alive connection, until the connection dies with the server.
struct LeadWriter: Sendable {
    let number: Int
    let trial: Int
    let port: Int
    let authorization: String
    let path: String
    let ledger: WriteLedger
    /// A bound so a server that is never killed cannot keep the test running.
    let maximumRequests = 20_000

    private static let salesStages = ["stage-new", "stage-contacted", "stage-qualified"]

    /// Writes until a request fails; failures before the kill go to the ledger.
    func run() {
        let client: RawHTTPClient
        do {
            client = try RawHTTPClient(port: port, timeout: 10)
        } catch {
            ledger.fail("writer \(number): cannot connect: \(error)")
            return
        }
        defer { client.close() }

        var ownLeads: [String] = []
        for step in 1...maximumRequests {
            if ownLeads.count < 3 || step % 3 == 0 {
                guard let uniqueID = create(step: step, client: client) else { return }
                ownLeads.append(uniqueID)
            } else {
                let uniqueID = ownLeads[step % ownLeads.count]
                guard update(uniqueID, step: step, client: client) else { return }
            }
        }
    }

    private func create(step: Int, client: RawHTTPClient) -> String? {
        let body = """
            {"title":"trial \(trial) writer \(number) lead \(step)","lead_source":"website",\
            "sales_stage":"stage-new","description":"created at step \(step)"}
            """
        guard let response = send("POST", path + "create/", body, client: client) else {
            ledger.createWithoutAnswer()
            return nil
        }
        guard response.status == 201,
            let uniqueID = LeadJSON.field("unique_id", in: response.text)
        else {
            ledger.fail("writer \(number): create answered \(response.status) \(response.text)")
            return nil
        }
        ledger.acknowledge(uniqueID, body: response.text)
        return uniqueID
    }

    private func update(_ uniqueID: String, step: Int, client: RawHTTPClient) -> Bool {
        let description = "trial \(trial) writer \(number) update \(step)"
        let stage = Self.salesStages[step % Self.salesStages.count]
        let body = "{\"description\":\"\(description)\",\"sales_stage\":\"\(stage)\"}"
        guard let response = send("PATCH", path + uniqueID + "/update/", body, client: client)
        else {
            ledger.updateWithoutAnswer(uniqueID, description: description)
            return false
        }
        guard response.status == 200 else {
            ledger.fail("writer \(number): update answered \(response.status) \(response.text)")
            return false
        }
        ledger.acknowledge(uniqueID, body: response.text)
        return true
    }

    /// Sends one request; nil when no whole response came back.
    private func send(_ method: String, _ target: String, _ body: String, client: RawHTTPClient)
        -> ClientResponse?
    {
        do {
            return try client.request(
                method: method,
                path: target,
                headers: [("Authorization", authorization), ("Content-Type", "application/json")],
                body: Array(body.utf8)
            )
        } catch {
            if !ledger.isKilled {
                ledger.fail(
                    "writer \(number): \(method) \(target) failed before the kill: \(error)"
                )
            }
            return nil
        }
    }
}

/// Small readers of the lead JSON the server returns, for the fields the test compares.
enum LeadJSON {
    /// A top-level string field of a lead object, or nil.
    static func field(_ name: String, in text: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        return (object as? [String: Any])?[name] as? String
    }

    /// The `unique_id` of every lead in a list response.
    static func uniqueIDs(inList text: String) -> Set<String> {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        let leads = object as? [[String: Any]] ?? []
        return Set(leads.compactMap { $0["unique_id"] as? String })
    }
}

/// The fixtures the durability test starts from: one organisation, one writer whose
/// password is hashed at start-up (cheaply, with few iterations) and three sales stages.
enum DurabilityFixtures {
    /// The organisation every lead of the test belongs to.
    static let organisation = "org-durable"

    /// The `Authorization` header of the writer.
    static var authorization: String {
        "Basic " + Data("writer:writer-pass".utf8).base64EncodedString()
    }

    /// The fixtures document as JSON text.
    static let document = """
        {
          "organisations": [{"unique_id": "org-durable", "name": "Durable Ltd"}],
          "people": [
            {"unique_id": "person-writer", "username": "writer", "password": "writer-pass",
             "full_name": "Wanda Writer", "organisations": ["org-durable"]}
          ],
          "sales_stages": [
            {"unique_id": "stage-new", "organisation": "org-durable", "name": "New",
             "position": 0},
            {"unique_id": "stage-contacted", "organisation": "org-durable",
             "name": "Contacted", "position": 1},
            {"unique_id": "stage-qualified", "organisation": "org-durable",
             "name": "Qualified", "position": 2}
          ]
        }
        """
}

/// SQLite's own consistency check, run through the storage layer on a copy of the files a
/// crashed server left, so the check never changes what the next server start sees.
enum IntegrityCheck {
    /// Copies the database and its write-ahead log to `copyPath` and returns what
    /// `PRAGMA integrity_check` reports for the copy (`["ok"]` when intact).
    static func run(onCopyOf path: String, at copyPath: String) throws -> [String] {
        let files = FileManager.default
        for suffix in ["", "-wal"] where files.fileExists(atPath: path + suffix) {
            try? files.removeItem(atPath: copyPath + suffix)
            try files.copyItem(atPath: path + suffix, toPath: copyPath + suffix)
        }

        let database = try Database(
            configuration: DatabaseConfiguration(path: copyPath, readerCount: 1),
            logger: .disabled()
        )
        defer { database.close() }
        return try database.read { connection in
            try connection.query("PRAGMA integrity_check").map { row in
                if case .text(let text) = row[0] { return text }
                return "\(row[0])"
            }
        }
    }
}
