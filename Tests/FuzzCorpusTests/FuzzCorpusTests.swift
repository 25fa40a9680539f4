import Foundation
import FuzzTargets
import Testing

/// Every seed and every crash ever found by the fuzzers stays in `Corpus/<target>/` and is
/// replayed here on each test run, so a fixed crash cannot come back unnoticed.
@Suite struct FuzzCorpusTests {
    static let corpusRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Corpus")

    @Test(arguments: FuzzTarget.allCases)
    func corpusReplaysWithoutCrashing(target: FuzzTarget) throws {
        let directory = Self.corpusRoot.appendingPathComponent(target.rawValue)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty, "every target has seeds")

        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            target.run(Array(data))
        }
    }

    @Test func hostileInputsDoNotCrash() {
        let deeplyNested = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let hugeNumber = Array(("1" + String(repeating: "9", count: 100_000)).utf8)
        let invalidUTF8: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
        let nulBytes: [UInt8] = [0x7B, 0x22, 0x00, 0x22, 0x3A, 0x31, 0x7D]
        for target in FuzzTarget.allCases {
            for input in [deeplyNested, hugeNumber, invalidUTF8, nulBytes, []] {
                target.run(input)
            }
        }
    }
}
