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

            let other = try Database(
                configuration: DatabaseConfiguration(
                    path: directory.file(named: "test.sqlite"),
                    readerCount: 1
                ),
                logger: .disabled()
            )
            try other.write { try $0.execute("INSERT INTO items DEFAULT VALUES") }
            other.close()

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
