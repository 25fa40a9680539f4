import Dispatch
import Locking
import Testing

@Suite struct LockedTests {
    @Test func concurrentUpdatesAreNeitherLostNorTorn() {
        let counter = Locked<[Int]>([])
        let group = DispatchGroup()

        for queueIndex in 0..<8 {
            DispatchQueue(label: "locked-test-\(queueIndex)").async(group: group) {
                for value in 0..<2_000 {
                    counter.withLock { values in
                        values.append(value)
                        // Reading back what was just written widens the window in which
                        // an unguarded update would be lost.
                        precondition(values.last == value)
                    }
                }
            }
        }
        group.wait()

        let values = counter.withLock { $0 }
        #expect(values.count == 16_000)
        #expect(values.reduce(0, +) == 8 * (0..<2_000).reduce(0, +))
    }

    @Test func errorsFromTheBodyPassThroughAndReleaseTheLock() {
        struct Refusal: Error {}
        let guarded = Locked(1)

        #expect(throws: Refusal.self) {
            try guarded.withLock { (_: inout Int) throws(Refusal) in throw Refusal() }
        }
        #expect(guarded.withLock { $0 } == 1)

        guarded.withLock { $0 += 1 }
        #expect(guarded.withLock { $0 } == 2)
    }
}
