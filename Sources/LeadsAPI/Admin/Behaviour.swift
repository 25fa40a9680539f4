import Locking

/// Simulated trouble for every API request, set through the admin API: a latency drawn
/// from a range and an error rate with the status to answer. A seed makes the draws
/// repeatable from one run to the next.
struct BehaviourSettings: Sendable, Equatable {
    /// Smallest added latency in milliseconds.
    var latencyMinimum = 0.0
    /// Largest added latency in milliseconds; equal to the minimum for a fixed latency.
    var latencyMaximum = 0.0
    /// Share of requests answered with `errorStatus`, from 0 to 1.
    var errorRate = 0.0
    /// Status of simulated errors.
    var errorStatus = 503
    /// Seed of the random draws; nil draws from the system's randomness.
    var seed: UInt64?

    /// True when nothing is simulated, so requests skip the draws entirely.
    var isQuiet: Bool {
        latencyMaximum == 0 && errorRate == 0
    }
}

/// The live settings and the random source their draws come from.
final class Behaviour: Sendable {
    private struct State {
        var settings = BehaviourSettings()
        var generator = SplitMix64(seed: 0)
    }
    private let state = Locked(State())

    /// Creates quiet behaviour.
    init() {}

    /// The current settings.
    var settings: BehaviourSettings {
        state.withLock { $0.settings }
    }

    /// Replaces the settings and restarts the random sequence from the seed.
    func update(_ settings: BehaviourSettings) {
        state.withLock { state in
            state.settings = settings
            state.generator = SplitMix64(seed: settings.seed ?? UInt64.random(in: .min ... .max))
        }
    }

    /// What to simulate for the next request: a delay in milliseconds and maybe a status.
    func draw() -> (delayMilliseconds: Double, errorStatus: Int?) {
        state.withLock { state in
            let settings = state.settings
            guard !settings.isQuiet else { return (0, nil) }

            let span = settings.latencyMaximum - settings.latencyMinimum
            let delay = settings.latencyMinimum + span * state.generator.nextUnitInterval()
            let failing = state.generator.nextUnitInterval() < settings.errorRate
            return (delay, failing ? settings.errorStatus : nil)
        }
    }
}

/// A small, fast generator whose sequence depends only on its seed (Steele, Lea and
/// Flood's SplitMix64), so a seeded run repeats exactly.
struct SplitMix64: Sendable {
    private var state: UInt64

    /// Starts the sequence of `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in [0, 1) from the top 53 bits.
    mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
