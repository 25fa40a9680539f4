import Dispatch
import Log
import Storage
import Testing

@Suite("Reads and writes are transactions")
struct TransactionTests {
    /// Raised inside a write to check that the write is undone.
    private struct ValidationFailed: Error {}

    @Test("a write that throws leaves no rows and rethrows the same error")
    func writeRollsBack() throws {
        let (thrownIsOriginal, count) = try withDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }

            var thrownIsOriginal = false
            do {
                try database.write { connection in
                    try connection.execute("INSERT INTO items DEFAULT VALUES")
                    try connection.execute("INSERT INTO items DEFAULT VALUES")
                    throw ValidationFailed()
                }
            } catch is ValidationFailed {
                thrownIsOriginal = true
            }

            let count = try database.read { connection in
                try connection.queryOne("SELECT count(*) AS total FROM items")?
                    .value("total", as: Int.self)
            }
            return (thrownIsOriginal, count)
        }

        #expect(thrownIsOriginal)
        #expect(count == 0)
    }

    @Test("a write reports its changes and row id, and reads see it once committed")
    func committedWriteIsVisible() throws {
        let (changes, rowID, names) = try withDatabase { database, _ in
            let (changes, rowID) = try database.write { connection in
                try connection.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
                try connection.execute("INSERT INTO people (id, name) VALUES (7, 'Ada')")
                let rowID = connection.lastInsertRowID
                try connection.execute("UPDATE people SET name = upper(name)")
                return (connection.changes, rowID)
            }
            let names = try database.read { connection in
                try connection.query("SELECT name FROM people").compactMap {
                    $0.value("name", as: String.self)
                }
            }
            return (changes, rowID, names)
        }

        #expect(changes == 1)
        #expect(rowID == 7)
        #expect(names == ["ADA"])
    }

    @Test("a read on another thread runs while a write transaction is open")
    func readersDoNotWaitForTheWriter() throws {
        let outcome = try withDatabase { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
                try connection.execute("INSERT INTO items DEFAULT VALUES")
            }

            return try database.write { connection -> (finished: Bool, seen: Int?) in
                try connection.execute("INSERT INTO items DEFAULT VALUES")

                let done = DispatchSemaphore(value: 0)
                let seen = LockedBox<Int?>(nil)
                DispatchQueue(label: "test.reader").async {
                    let count = try? database.read { reader in
                        try reader.queryOne("SELECT count(*) AS total FROM items")?
                            .value("total", as: Int.self)
                    }
                    seen.set(count ?? nil)
                    done.signal()
                }

                // The bound only keeps a broken build from hanging; a working reader
                // finishes at once because it never touches the writer.
                let finished = done.wait(timeout: .now() + .seconds(30)) == .success
                return (finished, seen.value)
            }
        }

        #expect(outcome.finished)
        #expect(outcome.seen == 1)
    }

    @Test("queries in one read see one snapshot even if a write commits in between")
    func readSeesOneSnapshot() throws {
        let counts = try withDatabase { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
                try connection.execute("INSERT INTO items DEFAULT VALUES")
            }

            let inside = try database.read { connection -> [Int?] in
                let count = "SELECT count(*) AS total FROM items"
                let before = try connection.queryOne(count)?.value("total", as: Int.self)
                try database.write { try $0.execute("INSERT INTO items DEFAULT VALUES") }
                let after = try connection.queryOne(count)?.value("total", as: Int.self)
                return [before, after]
            }
            let later = try database.read { connection in
                try connection.queryOne("SELECT count(*) AS total FROM items")?
                    .value("total", as: Int.self)
            }
            return inside + [later]
        }

        #expect(counts == [1, 1, 2])
    }

    @Test("concurrent writers and readers lose no rows")
    func concurrentAccess() throws {
        let total = try withDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }

            let failures = LockedBox(0)
            DispatchQueue.concurrentPerform(iterations: 40) { iteration in
                do {
                    if iteration.isMultiple(of: 2) {
                        try database.write { try $0.execute("INSERT INTO items DEFAULT VALUES") }
                    } else {
                        _ = try database.read { try $0.query("SELECT id FROM items") }
                    }
                } catch {
                    failures.update { $0 += 1 }
                }
            }
            #expect(failures.value == 0)

            return try database.read { connection in
                try connection.queryOne("SELECT count(*) AS total FROM items")?
                    .value("total", as: Int.self)
            }
        }

        #expect(total == 20)
    }

    @Test("an in-memory database serves reads from its writer")
    func inMemory() throws {
        let database = try Database(
            configuration: DatabaseConfiguration(path: ":memory:"),
            logger: .disabled()
        )
        defer { database.close() }

        let seenInsideWrite = try database.write { connection in
            try connection.execute("CREATE TABLE items (name TEXT)")
            try connection.execute("INSERT INTO items VALUES (?)", ["inside"])
            return try database.read { try $0.query("SELECT name FROM items").count }
        }
        let names = try database.read { connection in
            try connection.query("SELECT name FROM items").map { $0["name"] }
        }

        #expect(seenInsideWrite == 1)
        #expect(names == [.text("inside")])
    }
}
