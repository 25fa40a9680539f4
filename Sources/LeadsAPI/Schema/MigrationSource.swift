import Migrations
import Storage

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Where the schema comes from: a `migrations` folder given in configuration or found
/// beside the package the binary was built in, or else the copies compiled into the
/// binary, so the server starts from any working directory.
enum MigrationSource {
    /// The migrations to apply and a word for the log saying where they came from.
    static func load(directory: String?) throws -> (migrations: [Migration], origin: String) {
        if let directory {
            return (try Migrator.loadMigrations(fromDirectory: directory), directory)
        }
        if let directory = packageMigrationsDirectory() {
            return (try Migrator.loadMigrations(fromDirectory: directory), directory)
        }
        return (try bundled(), "built-in")
    }

    /// The migrations compiled into the binary.
    static func bundled() throws -> [Migration] {
        try BundledMigrations.files.map { file in
            try Migration(fileName: file.name, sql: file.sql)
        }
    }

    /// `<package>/migrations` when the running binary sits in the package's `.build`
    /// folder (as with `swift run`), found by walking up from the executable.
    static func packageMigrationsDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }

        var directory = String(
            decoding: buffer[0..<length].map { UInt8(bitPattern: $0) },
            as: UTF8.self
        )
        for _ in 0..<6 {
            guard let slash = directory.lastIndex(of: "/"), slash != directory.startIndex else {
                return nil
            }
            directory = String(directory[..<slash])
            let candidate = directory + "/migrations"
            if access(directory + "/Package.swift", F_OK) == 0,
                access(candidate + "/0001_initial.sql", R_OK) == 0
            {
                return candidate
            }
        }
        return nil
    }
}
