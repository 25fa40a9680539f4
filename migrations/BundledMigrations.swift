/// The migrations compiled into the binary, so the server runs from any working directory
/// even when the `migrations` folder is not beside it. A test checks that this list and the
/// `.sql` files of the folder agree, so a new migration cannot be forgotten here.
public enum BundledMigrations {
    /// File name and SQL text of each migration, in order.
    public static var files: [(name: String, sql: String)] {
        [
            ("0001_initial.sql", String(decoding: PackageResources._001_initial_sql, as: UTF8.self))
        ]
    }
}
