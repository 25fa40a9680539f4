import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct TestSupportTests {
    @Test func createsAndRemovesPrivateDirectories() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        #expect(first.path != second.path)
        #expect(first.path.hasPrefix("/tmp/"))
        #expect(first.file(named: "leads.sqlite3") == first.path + "/leads.sqlite3")

        let descriptor = open(first.file(named: "probe"), O_CREAT | O_WRONLY, 0o600)
        #expect(descriptor >= 0)
        close(descriptor)

        first.remove()
        second.remove()
        #expect(access(first.path, F_OK) != 0)
        #expect(access(second.path, F_OK) != 0)
    }

    @Test func reportsRefusedConnections() {
        #expect(throws: TestSupportError.self) { try RawHTTPClient(port: 1) }
    }
}
