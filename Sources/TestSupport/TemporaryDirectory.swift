import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A directory of its own under /tmp for one test, so tests running in parallel never
/// share files.
public struct TemporaryDirectory: Sendable {
    /// The absolute path of the directory.
    public let path: String

    /// Creates a new, empty directory with a unique name.
    public init() throws {
        var template = Array("/tmp/leads-test.XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!)
        }
        guard created != nil else {
            throw TestSupportError.temporaryDirectoryFailed(errno: errno)
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of a file inside the directory; the file itself is not created.
    public func file(named name: String) -> String {
        path + "/" + name
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
