import Storage
import Testing

@testable import LeadsAPI

/// The schema compiled into the binary must be the schema of the `migrations` folder, or a
/// server started away from the package would build another database.
@Suite struct BundledMigrationsTests {
    /// `<package root>/migrations`, found from this file's own path.
    private var migrationsDirectory: String {
        var path = #filePath
        for _ in 0..<3 {
            path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        }
        return path + "/migrations"
    }

    @Test func bundledMigrationsMatchTheFilesOfTheFolder() throws {
        let files = try Migrator.loadMigrations(fromDirectory: migrationsDirectory)
        let bundled = try MigrationSource.bundled()

        #expect(!files.isEmpty)
        #expect(bundled.map(\.label) == files.map(\.label))
        for (compiled, file) in zip(bundled, files) {
            #expect(compiled.sql == file.sql, "\(file.label) differs from its bundled copy")
        }
    }

    @Test func folderMigrationsStartAtOneWithoutGaps() throws {
        let files = try Migrator.loadMigrations(fromDirectory: migrationsDirectory)

        #expect(files.map(\.version) == Array(1...files.count))
    }
}
