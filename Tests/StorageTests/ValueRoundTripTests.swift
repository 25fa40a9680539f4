import Storage
import Testing

@Suite("Values survive a round trip through SQLite")
struct ValueRoundTripTests {
    @Test("every storage class comes back as it was bound")
    func everyStorageClass() throws {
        let bigBlob = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let values: [DatabaseValue] = [
            .null,
            .integer(0),
            .integer(Int64.min),
            .integer(Int64.max),
            .real(-0.5),
            .real(1.0e300),
            .text(""),
            .text("plain"),
            .text("nul\u{0}inside\u{0}"),
            .text("emoji 👩🏽‍💻 and 中文 and é"),
            .blob([]),
            .blob([0, 255, 0, 1]),
            .blob(bigBlob),
        ]

        let stored = try withDatabase { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE items (position INTEGER, value)")
                for (position, value) in values.enumerated() {
                    try connection.execute(
                        "INSERT INTO items (position, value) VALUES (?, ?)",
                        [.integer(Int64(position)), value]
                    )
                }
            }
            return try database.read { connection in
                try connection.query("SELECT value FROM items ORDER BY position")
            }
        }

        #expect(stored.map { $0["value"] } == values)
    }

    @Test("text with SQL metacharacters is stored verbatim, not interpreted")
    func metacharactersAreData() throws {
        let hostile = "Robert'); DROP TABLE items;-- \"quoted\" 100% _under_ ? :name $x @y \\"

        let (text, tableCount) = try withDatabase { database, _ in
            try database.write { connection in
                try connection.execute("CREATE TABLE items (name TEXT NOT NULL)")
                try connection.execute("INSERT INTO items (name) VALUES (?)", [.text(hostile)])
            }
            return try database.read { connection in
                let text = try connection.queryOne("SELECT name FROM items")?.value(
                    "name",
                    as: String.self
                )
                let count = try connection.queryOne(
                    "SELECT count(*) AS total FROM sqlite_schema WHERE type = 'table'"
                )?.value("total", as: Int.self)
                return (text, count)
            }
        }

        #expect(text == hostile)
        #expect(tableCount == 1)
    }

    @Test("Swift types convert to and from database values")
    func convertibleTypes() throws {
        let row = try withDatabase { database, _ in
            try database.read { connection in
                try connection.queryOne(
                    """
                    SELECT ? AS name, ? AS count, ? AS big, ? AS ratio, ? AS flag,
                        ? AS bytes, ? AS missing, 3.0 AS whole
                    """,
                    [
                        "Ada".databaseValue, 42.databaseValue, Int64(1 << 40).databaseValue,
                        0.25.databaseValue, true.databaseValue, [UInt8]([1, 2]).databaseValue,
                        String?.none.databaseValue,
                    ]
                )
            }
        }
        let result = try #require(row)

        #expect(
            result.columnNames == [
                "name", "count", "big", "ratio", "flag", "bytes", "missing", "whole",
            ]
        )
        #expect(result.value("name", as: String.self) == "Ada")
        #expect(result.value("count", as: Int.self) == 42)
        #expect(result.value("big", as: Int64.self) == 1 << 40)
        #expect(result.value("ratio", as: Double.self) == 0.25)
        #expect(result.value("flag", as: Bool.self) == true)
        #expect(result.value("bytes", as: [UInt8].self) == [1, 2])
        #expect(result["missing"] == .null)
        #expect(result.value("missing", as: String?.self) == .some(nil))
        #expect(result.value("name", as: String?.self) == .some("Ada"))
        #expect(result.value("whole", as: Int.self) == 3)
        #expect(result.value("name", as: Int.self) == nil)
        #expect(result["NAME"] == .text("Ada"))
        #expect(result["no_such_column"] == .null)
        #expect(result[1] == .integer(42))
    }
}
