import Dispatch
import Log
import Storage
import TestSupport
import Testing

@Suite("The change version moves with every commit, whoever makes it")
struct ChangeVersionTests {
    @Test("reads leave the version alone; every write of this process moves it")
    func ownWrites() throws {
        try withDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }
            let before = try #require(database.changeVersion)

            _ = try database.read { try $0.queryOne("SELECT count(*) FROM items") }
            #expect(database.changeVersion == before)

            try database.write { try $0.execute("INSERT INTO items DEFAULT VALUES") }
            let afterInsert = try #require(database.changeVersion)
            #expect(afterInsert != before)

            try database.write { try $0.execute("DELETE FROM items") }
            #expect(database.changeVersion != afterInsert)
        }
    }

    @Test("a commit through another handle on the same file moves the version")
    func otherConnectionsWrites() throws {
        try withDatabase { database, directory in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }
            let before = try #require(database.changeVersion)

            try writeThroughAnotherHandle(directory, "INSERT INTO items DEFAULT VALUES")

            // This process made no commit, so only the shared write-ahead-log index can
            // have told it.
            #expect(database.changeVersion != before)
        }
    }

    @Test("an in-memory database counts its own commits")
    func inMemory() throws {
        let database = try Database(
            configuration: DatabaseConfiguration(path: ":memory:"),
            logger: .disabled()
        )
        defer { database.close() }

        let before = try #require(database.changeVersion)
        try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }
        #expect(database.changeVersion != before)
    }

    @Test("a restore moves the version")
    func restore() throws {
        try withDatabase { database, directory in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }
            let backup = directory.file(named: "backup.sqlite")
            try database.backup(to: backup)
            let before = try #require(database.changeVersion)

            try database.restore(from: backup)
            #expect(database.changeVersion != before)
        }
    }
}

@Suite("Readers open as concurrent reads need them")
struct ReaderPoolTests {
    @Test("a quiet database holds one reader; overlapping reads open more, up to the maximum")
    func readersOpenOnDemand() throws {
        try withDatabase(readerCount: 3) { database, _ in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)") }
            #expect(database.openReaderCount == 1)

            // Sequential reads reuse the one reader.
            for _ in 0..<5 {
                _ = try database.read { try $0.queryOne("SELECT count(*) FROM items") }
            }
            #expect(database.openReaderCount == 1)

            // Six reads held open together: three run at once, the rest wait their turn.
            let inside = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let finished = DispatchGroup()
            let failures = LockedBox(0)
            for _ in 0..<6 {
                DispatchQueue(label: "reader").async(group: finished) {
                    do {
                        _ = try database.read { connection in
                            inside.signal()
                            release.wait()
                            return try connection.queryOne("SELECT count(*) FROM items")
                        }
                    } catch {
                        failures.update { $0 += 1 }
                    }
                }
            }
            for _ in 0..<3 {
                #expect(inside.wait(timeout: .now() + 5) == .success)
            }
            #expect(database.openReaderCount == 3)
            #expect(inside.wait(timeout: .now() + 0.2) == .timedOut)

            for _ in 0..<6 { release.signal() }
            for _ in 0..<3 {
                #expect(inside.wait(timeout: .now() + 5) == .success)
            }
            #expect(finished.wait(timeout: .now() + 5) == .success)
            #expect(failures.value == 0)
            #expect(database.openReaderCount == 3)
        }
    }

    @Test("a read nested in a read keeps its reader, even with one reader in all")
    func nestedReadKeepsItsReader() throws {
        let total = try withDatabase(readerCount: 1) { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
                try connection.execute("INSERT INTO items DEFAULT VALUES")
            }
            return try database.read { _ in
                try database.read { connection in
                    try connection.queryOne("SELECT count(*) AS total FROM items")?
                        .value("total", as: Int.self)
                }
            }
        }
        #expect(total == 1)
    }
}

@Suite("Writes confined to some tables leave the versions of the others alone")
struct ConfinedWriteTests {
    private static let schema = """
        CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO people (name) VALUES ('Ada'), ('Grace');
        """

    /// The version that ignores confined writes to `items`, and the full one.
    private static func versions(_ database: Database) throws -> (people: UInt64, all: UInt64) {
        (
            try #require(database.changeVersion(ignoringWritesConfinedTo: ["items"])),
            try #require(database.changeVersion)
        )
    }

    @Test("a write that kept its promise moves only the full version")
    func keptPromise() throws {
        try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            let before = try Self.versions(database)

            try database.write(touchingOnly: ["items"]) { connection in
                try connection.execute("INSERT INTO items (name) VALUES ('box')")
                try connection.execute("UPDATE items SET name = 'crate' WHERE name = 'box'")
            }
            let after = try Self.versions(database)
            #expect(after.people == before.people)
            #expect(after.all != before.all)
        }
    }

    @Test("a write that changed a table it did not name moves every version")
    func brokenPromise() throws {
        try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            let before = try Self.versions(database)

            try database.write(touchingOnly: ["items"]) { connection in
                try connection.execute("INSERT INTO items (name) VALUES ('box')")
                try connection.execute("UPDATE people SET name = 'Ada L.' WHERE name = 'Ada'")
            }
            let after = try Self.versions(database)
            #expect(after.people != before.people)
        }
    }

    @Test("emptying another table with a bare DELETE is seen, though no row is reported")
    func bareDeleteElsewhere() throws {
        try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            let before = try Self.versions(database)

            try database.write(touchingOnly: ["items"]) { connection in
                try connection.execute("DELETE FROM people")
            }
            #expect(try Self.versions(database).people != before.people)
        }
    }

    @Test("any write that promised nothing moves every version")
    func unconfinedWrite() throws {
        try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            let before = try Self.versions(database)

            try database.write { try $0.execute("INSERT INTO items (name) VALUES ('box')") }
            #expect(try Self.versions(database).people != before.people)
        }
    }

    @Test("another process's commit moves every version, confined or not")
    func otherProcessesWrite() throws {
        try withDatabase { database, directory in
            try database.write { try $0.executeScript(Self.schema) }
            try database.write(touchingOnly: ["items"]) { connection in
                try connection.execute("INSERT INTO items (name) VALUES ('box')")
            }
            let before = try Self.versions(database)

            try writeThroughAnotherHandle(directory, "INSERT INTO items (name) VALUES ('other')")

            let after = try Self.versions(database)
            #expect(after.people != before.people)
            #expect(after.all != before.all)

            // Once seen, the outside change is accounted for and the versions settle.
            #expect(try Self.versions(database) == after)
        }
    }

    @Test("after a write that changed nothing, another process's commit is still seen")
    func emptyWriteThenOtherProcess() throws {
        try withDatabase { database, directory in
            try database.write { try $0.executeScript(Self.schema) }
            try database.write(touchingOnly: ["items"]) { connection in
                try connection.execute("UPDATE items SET name = 'none' WHERE id = -1")
            }
            let before = try Self.versions(database)

            try writeThroughAnotherHandle(
                directory,
                "UPDATE people SET name = 'Ada L.' WHERE id = 1"
            )

            #expect(try Self.versions(database).people != before.people)
        }
    }

    @Test("a failed confined write leaves every version alone")
    func failedWrite() throws {
        try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            let before = try Self.versions(database)

            _ = try? database.write(touchingOnly: ["items"]) { connection in
                try connection.execute("INSERT INTO items (name) VALUES ('box')")
                try connection.execute("INSERT INTO nowhere DEFAULT VALUES")
            }
            let after = try Self.versions(database)
            #expect(after.people == before.people)
            #expect(after.all == before.all)
        }
    }
}

/// Commits `sql` through a second `Database` on the test's file, as another process would.
private func writeThroughAnotherHandle(_ directory: TemporaryDirectory, _ sql: String) throws {
    let other = try Database(
        configuration: DatabaseConfiguration(
            path: directory.file(named: "test.sqlite"),
            readerCount: 1
        ),
        logger: .disabled()
    )
    defer { other.close() }
    try other.write { try $0.execute(sql) }
}
