import Dispatch
import Glibc
import Log
import Storage
import Testing

@Suite("Writes that arrive together share a commit and stay separate")
struct GroupCommitTests {
    /// Raised inside a write to check that only that write is undone.
    private struct Refused: Error {}

    @Test("in one batch, a write that throws or breaks a constraint is undone alone")
    func batchMembersSucceedAndFailAlone() throws {
        let (names, outcomes) = try withDatabase { database, _ in
            try database.write { connection in
                try connection.execute(
                    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"
                )
            }

            // The first write holds the writer, so the others queue up behind it and run
            // as one batch once it lets go.
            let inside = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let finished = DispatchGroup()
            DispatchQueue(label: "first").async(group: finished) {
                try? database.write { connection in
                    try connection.execute("INSERT INTO items (name) VALUES ('first')")
                    inside.signal()
                    release.wait()
                }
            }
            #expect(inside.wait(timeout: .now() + 5) == .success)

            let outcomes = LockedBox<[Int: String]>([:])
            for number in 0..<12 {
                DispatchQueue(label: "write-\(number)").async(group: finished) {
                    let outcome: String
                    do {
                        let rowID = try database.write { connection -> Int64 in
                            let name = number % 4 == 3 ? "first" : "item-\(number)"
                            try connection.execute(
                                "INSERT INTO items (name) VALUES (?)",
                                [.text(name)]
                            )
                            if number % 4 == 2 { throw Refused() }
                            return connection.lastInsertRowID
                        }
                        outcome = "row \(rowID)"
                    } catch is Refused {
                        outcome = "refused"
                    } catch let error as DatabaseError {
                        outcome = "constraint \(error.resultCode.primary == .SQLITE_CONSTRAINT)"
                    } catch {
                        outcome = "other \(error)"
                    }
                    outcomes.update { $0[number] = outcome }
                }
            }
            usleep(200_000)
            release.signal()
            #expect(finished.wait(timeout: .now() + 10) == .success)

            let names = try database.read { connection in
                try connection.query("SELECT id, name FROM items ORDER BY id").compactMap {
                    row -> String? in
                    guard let id: Int64 = row.value("id"), let name: String = row.value("name")
                    else { return nil }
                    return "\(id) \(name)"
                }
            }
            return (names, outcomes.value)
        }

        var expectedNames = ["first"]
        for number in 0..<12 {
            switch number % 4 {
            case 2: #expect(outcomes[number] == "refused")
            case 3: #expect(outcomes[number] == "constraint true")
            default:
                // Each caller gets the row id of its own insert.
                let rowID = outcomes[number]?.replacingPrefix("row ")
                #expect(names.contains("\(rowID ?? "?") item-\(number)"))
                expectedNames.append("item-\(number)")
            }
        }
        #expect(
            names.map { String($0.split(separator: " ")[1]) }.sorted() == expectedNames.sorted()
        )
    }

    @Test("many concurrent writers all commit, and reads afterwards see every one")
    func manyWritersAllCommit() throws {
        let count = try withDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }
            let finished = DispatchGroup()
            let failures = LockedBox(0)
            for _ in 0..<40 {
                DispatchQueue(label: "writer").async(group: finished) {
                    for _ in 0..<25 {
                        do {
                            try database.write {
                                try $0.execute("INSERT INTO items DEFAULT VALUES")
                            }
                        } catch {
                            failures.update { $0 += 1 }
                        }
                    }
                }
            }
            #expect(finished.wait(timeout: .now() + 30) == .success)
            #expect(failures.value == 0)
            return try database.read { connection in
                try connection.queryOne("SELECT count(*) AS total FROM items")?
                    .value("total", as: Int.self)
            }
        }
        #expect(count == 1000)
    }
}

extension String {
    /// The text after `prefix`, or nil when it does not start with it.
    fileprivate func replacingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
