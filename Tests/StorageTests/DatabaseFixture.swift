import Log
import Storage
import TestSupport

/// Runs `body` with a fresh file database in a directory of its own, then closes the
/// database and deletes the directory, so parallel tests never share a file.
func withDatabase<Result>(
    readerCount: Int = 2,
    logger: Logger = .disabled(),
    _ body: (Database, TemporaryDirectory) throws -> Result
) throws -> Result {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }

    let database = try Database(
        configuration: DatabaseConfiguration(
            path: directory.file(named: "test.sqlite"),
            readerCount: readerCount
        ),
        logger: logger
    )
    defer { database.close() }
    return try body(database, directory)
}

/// Runs `operation` and returns the `DatabaseError` it throws, or `nil` if it succeeds or
/// throws something else, so tests can inspect codes and messages.
func databaseError(_ operation: () throws -> Void) -> DatabaseError? {
    do {
        try operation()
        return nil
    } catch let error as DatabaseError {
        return error
    } catch {
        return nil
    }
}
