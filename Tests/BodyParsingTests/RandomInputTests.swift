import BodyParsing
import Testing

/// Feeds every parser mutated and random bytes from a fixed seed, so a failure reproduces.
/// A crash fails the whole run; the expectations check what must hold for any input.
@Suite("Parsers survive arbitrary input")
struct RandomInputTests {
    /// A small deterministic generator (SplitMix64), so the inputs are the same every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    private static let interestingBytes: [UInt8] =
        Array(#"{}[]:,"\ 0123456789.-+eEutrfalsnNIy=&%;"#.utf8)
        + [0x00, 0x0A, 0x0D, 0x1F, 0x7F, 0xC3, 0xA9, 0xE2, 0x80, 0xA8, 0xED, 0xA0, 0xF0, 0xFF]

    @Test func jsonSuccessesRoundTripAndFailuresCarryAPosition() throws {
        var generator = SeededGenerator(state: 2024)
        let seed = Array(#"{"a":[1,-2.5e3,true,null,"x\u00e9\ud83d\ude00"],"b":{"c":"é"}}"#.utf8)

        for _ in 0..<3000 {
            let input = mutate(seed, using: &generator)
            do {
                let value = try JSONParser.parse(input)
                let written = JSONWriter.serialize(value)
                #expect(try JSONParser.parse(written) == value)
            } catch {
                #expect(error.line >= 1 && error.column >= 1 && error.offset >= 0)
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func formFieldsNeverOutnumberTheirSeparators() throws {
        var generator = SeededGenerator(state: 7)
        let seed = Array("a=1&b=%C3%A9+x&c&=d&%zz=%4".utf8)

        for _ in 0..<3000 {
            let input = mutate(seed, using: &generator)
            let separators = input.count { $0 == UInt8(ascii: "&") }
            let form = try URLEncodedFormParser.parse(input)
            #expect(form.fields.count <= separators + 1)
        }
    }

    @Test func multipartEitherParsesOrExplains() {
        var generator = SeededGenerator(state: 99)
        let seed = Array(
            ("--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\nv\r\n--XyZ--\r\n").utf8
        )

        for _ in 0..<3000 {
            let input = mutate(seed, using: &generator)
            do {
                let form = try MultipartParser.parse(input, boundary: "XyZ")
                #expect(form.fields.count + form.files.count <= 2)
            } catch {
                #expect(error.message.hasPrefix("Multipart"))
            }
        }
    }

    @Test func mediaTypesFromNoiseAreWellFormed() {
        var generator = SeededGenerator(state: 5)
        let seed = Array(#"text/html, application/json;q=0.9; a="x,\"y;", */*;q=0.1"#.utf8)

        for _ in 0..<3000 {
            let header = String(decoding: mutate(seed, using: &generator), as: UTF8.self)
            for type in MediaType.parseList(header) {
                #expect(!type.type.isEmpty && !type.subtype.isEmpty)
                #expect((0...1).contains(type.quality))
                #expect(MediaType.parse(type.description) == type)
            }
        }
    }

    /// Applies a few deletions, insertions, replacements or truncations to `seed`.
    private func mutate(_ seed: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = Int.random(in: 0...bytes.count, using: &generator)
            let replacement =
                Bool.random(using: &generator)
                ? Self.interestingBytes.randomElement(using: &generator)!
                : UInt8.random(in: 0...255, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where position < bytes.count: bytes.remove(at: position)
            case 1: bytes.insert(replacement, at: position)
            case 2 where position < bytes.count: bytes[position] = replacement
            default: bytes.removeSubrange(position...)
            }
        }
        return bytes
    }
}
