#if canImport(Glibc)
    import Glibc
#endif

/// A request path cut at its slashes once, so that many patterns can be tried against it
/// without splitting or copying it again. Segments stay raw (still percent-encoded).
public struct PathSegments {
    fileprivate let bytes: [UInt8]
    fileprivate let ranges: [Range<Int>]

    /// Splits `path` on every `/`, keeping empty segments, so `/a/` has three.
    public init(_ path: String) {
        bytes = Array(path.utf8)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(8)
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<bytes.count)
        self.ranges = ranges
    }

    /// How many segments the path has.
    public var count: Int { ranges.count }

    fileprivate func segment(_ index: Int) -> ArraySlice<UInt8> {
        bytes[ranges[index]]
    }

    fileprivate func segment(_ index: Int, equals literal: [UInt8]) -> Bool {
        let range = ranges[index]
        guard range.count == literal.count else { return false }
        guard !literal.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { path in
            literal.withUnsafeBufferPointer { expected in
                memcmp(path.baseAddress! + range.lowerBound, expected.baseAddress!, range.count)
                    == 0
            }
        }
    }
}

/// A route pattern such as `/api/{org_uid}/leads/`, cut at its slashes: literal segments
/// must equal the path's byte for byte, `{name}` segments capture whatever is there.
public struct PathPattern: Sendable {
    private enum Segment: Sendable {
        case literal([UInt8])
        case parameter(String)
    }

    /// The pattern as written.
    public let text: String
    private let segments: [Segment]

    /// Parses `pattern`; a segment is a parameter when it is `{...}` with a name inside.
    public init(_ pattern: String) {
        text = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(Array(part.utf8))
        }
    }

    /// How many segments the pattern has; only paths with as many can match.
    public var segmentCount: Int { segments.count }

    /// Whether every literal segment equals the path's; parameters accept anything, even
    /// an empty segment.
    public func fits(_ path: PathSegments) -> Bool {
        guard path.count == segments.count else { return false }
        for (index, segment) in segments.enumerated() {
            if case .literal(let literal) = segment, !path.segment(index, equals: literal) {
                return false
            }
        }
        return true
    }

    /// The percent-decoded parameters when the path fits and every parameter segment is
    /// non-empty and decodes to valid UTF-8; nil otherwise.
    public func captures(_ path: PathSegments) -> [String: String]? {
        guard fits(path) else { return nil }

        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            guard case .parameter(let name) = segment else { continue }
            let part = path.segment(index)
            guard !part.isEmpty, let value = PercentDecoding.decodeStrictly(part) else {
                return nil
            }
            parameters[name] = value
        }
        return parameters
    }
}
