import Storage

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Named copies of the whole database, made and restored with SQLite's online backup, kept
/// in a folder beside the database file so they survive restarts. One unnamed copy, the
/// baseline, is taken right after start-up fixtures load and is what a reset returns to.
struct SnapshotStore: Sendable {
    let database: Database
    /// `<database>.admin/`, holding `baseline.sqlite3` and `snapshots/<name>.sqlite3`.
    let directory: String

    /// Names a snapshot may have: letters, digits, `_`, `.` and `-`, up to 64 characters,
    /// not starting with a dot.
    static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), !name.hasPrefix(".") else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2E || byte == 0x2D
        }
    }

    /// Creates the store's folders when missing.
    init(database: Database, databasePath: String) throws {
        self.database = database
        let base = databasePath == ":memory:" ? Self.temporaryBase() : databasePath
        directory = base + ".admin"
        try Self.makeDirectory(directory)
        try Self.makeDirectory(directory + "/snapshots")
    }

    /// Saves the current state as the baseline that `reset()` restores.
    func saveBaseline() throws {
        try database.backup(to: directory + "/baseline.sqlite3")
    }

    /// Puts the database back to the baseline.
    func reset() throws {
        try database.restore(from: directory + "/baseline.sqlite3")
    }

    /// Saves the current state under `name`, replacing a snapshot of that name.
    func save(_ name: String) throws -> SnapshotInfo {
        try database.backup(to: path(of: name))
        guard let info = info(name) else {
            throw APIError.notFound("No snapshot named \"\(name)\".")
        }
        return info
    }

    /// Restores the snapshot `name`; false when there is none.
    func restore(_ name: String) throws -> Bool {
        guard info(name) != nil else { return false }
        try database.restore(from: path(of: name))
        return true
    }

    /// Deletes the snapshot `name`; false when there was none.
    func delete(_ name: String) -> Bool {
        unlink(path(of: name)) == 0
    }

    /// Every snapshot, by name.
    func list() -> [SnapshotInfo] {
        guard let handle = opendir(directory + "/snapshots") else { return [] }
        defer { closedir(handle) }

        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".sqlite3") {
                names.append(String(name.dropLast(".sqlite3".count)))
            }
        }
        return names.sorted().compactMap(info)
    }

    /// Size and modification time of one snapshot.
    func info(_ name: String) -> SnapshotInfo? {
        var status = stat()
        guard Self.isValidName(name), stat(path(of: name), &status) == 0 else { return nil }
        return SnapshotInfo(
            name: name,
            createdAt: Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9,
            sizeBytes: Int(status.st_size)
        )
    }

    private func path(of name: String) -> String {
        directory + "/snapshots/" + name + ".sqlite3"
    }

    private static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw AdminError.storage("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    // TODO: the folder made for an in-memory database's snapshots outlives the process;
    // nothing removes it at shutdown yet.
    private static func temporaryBase() -> String {
        var template = Array("/tmp/leads-server-memory-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let path = mkdtemp(buffer.baseAddress!) else { return "/tmp/leads-server" }
            return String(cString: path) + "/memory"
        }
    }
}

/// What the admin API shows of a snapshot.
struct SnapshotInfo: Sendable, Equatable {
    var name: String
    /// Seconds since the epoch when it was saved.
    var createdAt: Double
    var sizeBytes: Int
}

/// Failures of admin set-up that stop the server from starting.
enum AdminError: Error, Sendable, CustomStringConvertible {
    /// A file-system problem around snapshots.
    case storage(String)

    /// The sentence printed when start-up fails.
    var description: String {
        switch self {
        case .storage(let reason): "Admin API snapshots: \(reason)"
        }
    }
}
