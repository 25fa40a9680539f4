/// One result row, copied out of SQLite so it stays valid after the statement moves on and
/// can be handed to other queues.
public struct Row: Sendable {
    /// Column names and their positions, shared by every row of one query.
    let layout: RowLayout

    /// The row's values, in column order.
    let values: [DatabaseValue]

    /// The column names in select-list order, as SQLite reports them (`AS` aliases
    /// included), so callers can tell what a `SELECT *` returned.
    public var columnNames: [String] { layout.names }

    /// The value of the named column, or NULL when the query has no such column; names
    /// are matched exactly first and then, as SQLite does, without regard to case.
    public subscript(column: String) -> DatabaseValue {
        guard let index = layout.index(of: column) else { return .null }
        return values[index]
    }

    /// The value at a zero-based column position; an index past the last column is a
    /// programming error and stops the process, as an array index would.
    public subscript(index: Int) -> DatabaseValue {
        values[index]
    }

    /// The named column read as `T`, or `nil` when the column is missing, NULL, or holds a
    /// value that does not convert.
    public func value<T: DatabaseValueConvertible>(
        _ column: String,
        as type: T.Type = T.self
    ) -> T? {
        T(databaseValue: self[column])
    }
}

/// The column names of a query, with a lookup table built once rather than per row.
final class RowLayout: Sendable {
    /// Column names in order.
    let names: [String]

    /// Exact name to first position.
    private let positions: [String: Int]

    /// Lower-cased name to first position, for SQLite's case-insensitive names.
    private let lowercasedPositions: [String: Int]

    init(names: [String]) {
        self.names = names

        var positions: [String: Int] = [:]
        var lowercasedPositions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if positions[name] == nil { positions[name] = index }
            if lowercasedPositions[name.lowercased()] == nil {
                lowercasedPositions[name.lowercased()] = index
            }
        }
        self.positions = positions
        self.lowercasedPositions = lowercasedPositions
    }

    func index(of name: String) -> Int? {
        positions[name] ?? lowercasedPositions[name.lowercased()]
    }
}
