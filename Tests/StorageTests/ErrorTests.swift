import Log
import Storage
import TestSupport
import Testing

@Suite("Errors keep SQLite's extended result codes")
struct ErrorTests {
    private static let schema = """
        CREATE TABLE organisations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE leads (
            id INTEGER PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            win_probability INTEGER CHECK (win_probability BETWEEN 0 AND 100)
        );
        INSERT INTO organisations (id, name) VALUES (1, 'Acme');
        """

    @Test("a duplicate value is a UNIQUE violation (2067) that never shows the value")
    func uniqueViolation() throws {
        let error = try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            return databaseError {
                try database.write { connection in
                    try connection.execute(
                        "INSERT INTO organisations (name) VALUES (?)",
                        [.text("Acme")]
                    )
                }
            }
        }
        let failure = try #require(error)

        #expect(failure.resultCode.rawValue == 2067)
        #expect(failure.resultCode == .SQLITE_CONSTRAINT_UNIQUE)
        #expect(failure.resultCode.primary == .SQLITE_CONSTRAINT)
        #expect(failure.isUniqueViolation)
        #expect(!failure.isForeignKeyViolation)
        #expect(!failure.isUnavailable)
        #expect(failure.message.contains("organisations.name"))
        #expect(failure.sql == "INSERT INTO organisations (name) VALUES (?)")
        #expect(!failure.description.contains("Acme"))
        #expect(failure.description.contains("SQLITE_CONSTRAINT_UNIQUE (2067)"))
    }

    @Test("a reference to a missing row is a FOREIGN KEY violation")
    func foreignKeyViolation() throws {
        let error = try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            return databaseError {
                try database.write { connection in
                    try connection.execute(
                        "INSERT INTO leads (organisation_id) VALUES (?)",
                        [.integer(99)]
                    )
                }
            }
        }
        let failure = try #require(error)

        #expect(failure.resultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
        #expect(failure.isForeignKeyViolation)
        #expect(!failure.isUniqueViolation)
    }

    @Test("NOT NULL, CHECK and PRIMARY KEY failures have their own codes")
    func otherConstraints() throws {
        let codes = try withDatabase { database, _ in
            try database.write { try $0.executeScript(Self.schema) }
            let statements: [(String, [DatabaseValue])] = [
                ("INSERT INTO organisations (name) VALUES (?)", [.null]),
                ("INSERT INTO leads (organisation_id, win_probability) VALUES (1, ?)", [101]),
                ("INSERT INTO organisations (id, name) VALUES (?, 'Other')", [.integer(1)]),
            ]
            return statements.map { sql, arguments in
                databaseError {
                    try database.write { try $0.execute(sql, arguments) }
                }?.resultCode
            }
        }

        #expect(
            codes == [
                .SQLITE_CONSTRAINT_NOTNULL, .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_PRIMARYKEY,
            ]
        )
    }

    @Test("a second connection's lock is reported as busy, in the unavailable family")
    func busyIsUnavailable() throws {
        let error = try withDatabase { database, directory in
            let other = try Database(
                configuration: DatabaseConfiguration(
                    path: directory.file(named: "test.sqlite"),
                    readerCount: 1,
                    busyTimeoutMilliseconds: 0
                ),
                logger: .disabled()
            )
            defer { other.close() }

            return try database.write { connection in
                try connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
                return databaseError {
                    try other.write { try $0.execute("INSERT INTO items DEFAULT VALUES") }
                }
            }
        }
        let failure = try #require(error)

        #expect(failure.resultCode.primary == .SQLITE_BUSY)
        #expect(failure.isUnavailable)
    }

    @Test("misuse is refused with an error instead of running something unintended")
    func misuse() throws {
        let errors = try withDatabase { database, _ in
            try database.write { try $0.execute("CREATE TABLE items (id INTEGER)") }
            return [
                databaseError {
                    try database.write { connection in
                        try connection.execute("INSERT INTO items VALUES (1); DROP TABLE items")
                    }
                },
                databaseError {
                    try database.write { try $0.execute("INSERT INTO items VALUES (?)", []) }
                },
                databaseError {
                    try database.write { _ in try database.write { _ in } }
                },
                databaseError {
                    _ = try database.read { try $0.query("SELEC 1") }
                },
                databaseError {
                    _ = try database.read { try $0.query("SELECT \"misspelt\" FROM items") }
                },
                databaseError { try database.backup(to: database.path) },
            ]
        }

        #expect(
            errors.map { $0?.resultCode } == [
                .SQLITE_MISUSE, .SQLITE_RANGE, .SQLITE_MISUSE, .SQLITE_ERROR, .SQLITE_ERROR,
                .SQLITE_MISUSE,
            ]
        )
    }

    @Test("a result code pattern matches its extended codes")
    func primaryCodePatterns() {
        let matchesConstraint: Bool
        switch ResultCode.SQLITE_CONSTRAINT_UNIQUE {
        case .SQLITE_CONSTRAINT: matchesConstraint = true
        default: matchesConstraint = false
        }

        #expect(matchesConstraint)
        #expect(!(ResultCode.SQLITE_CONSTRAINT_CHECK ~= .SQLITE_CONSTRAINT_UNIQUE))
        #expect(ResultCode(rawValue: 5 | 99 << 8).description == "SQLITE_BUSY (25349)")
    }
}
