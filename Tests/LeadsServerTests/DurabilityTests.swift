import Dispatch
import Foundation
import TestSupport
import Testing

/// Kills the server binary with SIGKILL while several clients write, restarts it on the
/// same SQLite file and checks that every write it acknowledged is there exactly as
/// answered and that the file is intact. A crash may lose a write nobody was told about;
/// it may never lose one that was answered with 2xx.
@Suite struct DurabilityTests {
    private static let writerCount = 4
    private static let trialCount = 3
    /// Acknowledged writes to wait for before the kill, so it lands mid-stream.
    private static let writesBeforeKill = 150

    @Test func acknowledgedWritesSurviveAKillDuringConcurrentWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file(named: "leads.sqlite3")
        let fixtures = directory.file(named: "fixtures.json")
        try DurabilityFixtures.document.write(toFile: fixtures, atomically: true, encoding: .utf8)
        let arguments = [
            "serve", "--port", "0", "--database", database, "--fixtures", fixtures,
            "--password-iterations", "1000", "--idle-timeout", "60",
        ]
        let path = "/api/v1.0/organisation/\(DurabilityFixtures.organisation)/leads/"
        let ledger = WriteLedger()

        var server = try ServerProcess.start(arguments)
        defer { _ = server.kill(signal: SIGKILL) }
        for trial in 1...Self.trialCount {
            let port = try server.waitForPort()
            ledger.beginTrial()
            let writers = DispatchGroup()
            for number in 1...Self.writerCount {
                let writer = LeadWriter(
                    number: number,
                    trial: trial,
                    port: port,
                    authorization: DurabilityFixtures.authorization,
                    path: path,
                    ledger: ledger
                )
                DispatchQueue(label: "durability.writer.\(number)")
                    .async(group: writers) { writer.run() }
            }

            try waitForAcknowledgements(ledger, server: server)
            usleep(UInt32.random(in: 0..<200_000))
            ledger.markKilled()
            let signal = server.kill(signal: SIGKILL)
            #expect(server.wasKilledBySignal && signal == SIGKILL, "trial \(trial)")
            #expect(writers.wait(timeout: .now() + 30) == .success, "trial \(trial)")
            #expect(ledger.failures.isEmpty, "trial \(trial): \(ledger.failures.prefix(5))")

            let report = try IntegrityCheck.run(
                onCopyOf: database,
                at: directory.file(named: "crash-\(trial).sqlite3")
            )
            #expect(report == ["ok"], "trial \(trial)")

            if ProcessInfo.processInfo.environment["HARD_DROP_WAL"] != nil {
                try? FileManager.default.removeItem(atPath: database + "-wal")
            }
            server = try ServerProcess.start(arguments)
            let client = try RawHTTPClient(port: try server.waitForPort(), timeout: 10)
            let mismatches = try ledger.verify(
                client: client,
                authorization: DurabilityFixtures.authorization,
                path: path
            )
            client.close()
            print(
                "durability trial \(trial): \(ledger.acknowledgedInTrial) writes acknowledged, "
                    + "\(mismatches.count) missing or different after the restart"
            )
            #expect(mismatches.isEmpty, "trial \(trial): \(mismatches.prefix(5))")
        }

        #expect(server.terminate() == 0)
        let report = try IntegrityCheck.run(
            onCopyOf: database,
            at: directory.file(named: "final.sqlite3")
        )
        #expect(report == ["ok"])
    }

    /// Waits until the writers have been answered often enough that the kill interrupts
    /// a steady stream of writes; fails if they stall or report a failure first.
    private func waitForAcknowledgements(_ ledger: WriteLedger, server: ServerProcess) throws {
        let deadline = Date().addingTimeInterval(30)
        while ledger.acknowledgedInTrial < Self.writesBeforeKill {
            guard ledger.failures.isEmpty, Date() < deadline else {
                throw ServerProcessError(
                    message: "writers stalled after \(ledger.acknowledgedInTrial) writes: "
                        + "\(ledger.failures.prefix(3)); "
                        + "stderr: \(server.standardError.suffix(2000))"
                )
            }
            usleep(5_000)
        }
    }
}
