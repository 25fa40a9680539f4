/// A parsed media type such as `application/json; charset=utf-8`, used to pick a body
/// parser from `Content-Type` and a renderer from `Accept` the way DRF does.
public struct MediaType: Sendable, Equatable, CustomStringConvertible {
    /// The lower-cased top-level type, `*` for a wildcard.
    public var type: String

    /// The lower-cased subtype, `*` for a wildcard.
    public var subtype: String

    /// Parameters in order, names lower-cased, quoted values unquoted; a repeated name keeps
    /// its first position and its last value, as in the dictionary DRF builds.
    public var parameters: [(name: String, value: String)]

    /// Creates a media type from parts that are already normalised.
    public init(type: String, subtype: String, parameters: [(name: String, value: String)] = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses one media type, or returns nil when the text is not `token/token` followed by
    /// optional `; name=value` parameters.
    ///
    /// Parameters without `=` are ignored and quoted values may hold `;`, as in Django's
    /// `parse_header_parameters`; unlike DRF, a type or subtype that is not a token is
    /// refused instead of being kept as a type that matches nothing.
    public static func parse(_ text: String) -> MediaType? {
        let (main, parameters) = HeaderParameters.parse(text[...])
        guard let slash = main.firstIndex(of: "/") else { return nil }

        let type = main[..<slash]
        let subtype = main[main.index(after: slash)...]
        guard isToken(type), isToken(subtype) else { return nil }
        return MediaType(type: String(type), subtype: String(subtype), parameters: parameters)
    }

    /// Parses an `Accept` header, skipping entries that are not media types.
    ///
    /// Entries keep the header's order; use `precedence` (as DRF does) or `quality` to rank
    /// them.
    public static func parseList(_ header: String) -> [MediaType] {
        HeaderParameters.splitOutsideQuotes(header[...], separator: ",").compactMap {
            parse(String($0))
        }
    }

    /// The value of parameter `name` (case-insensitive), or nil.
    public func parameter(_ name: String) -> String? {
        let wanted = name.lowercased()
        return parameters.first { $0.name == wanted }?.value
    }

    /// `type/subtype` without parameters, the part that selects a parser.
    public var essence: String { type + "/" + subtype }

    /// The `q` weight of an `Accept` entry, clamped to 0...1; 1 when absent or unreadable.
    public var quality: Double {
        guard let text = parameter("q"), let value = Double(text), value.isFinite else {
            return 1
        }
        return min(max(value, 0), 1)
    }

    /// How specific an `Accept` entry is, as DRF ranks them (it ignores `q`): 0 for `*/*`,
    /// 1 for `type/*`, 2 for a full type without parameters other than `q`, 3 with them.
    public var precedence: Int {
        if type == "*" { return 0 }
        if subtype == "*" { return 1 }
        return parameters.allSatisfy { $0.name == "q" } ? 2 : 3
    }

    /// Whether this type (a parser's or renderer's) accepts `other` (from a request), as
    /// DRF's `media_type_matches` decides: wildcards on either side match anything at their
    /// level, and every parameter of this type except `q` must appear in `other` with the
    /// same value.
    public func matches(_ other: MediaType) -> Bool {
        for parameter in parameters where parameter.name != "q" {
            guard other.parameter(parameter.name) == parameter.value else { return false }
        }

        if subtype != "*" && other.subtype != "*" && subtype != other.subtype { return false }
        if type != "*" && other.type != "*" && type != other.type { return false }
        return true
    }

    /// The type written back out, parameters included and quoted when they need it.
    public var description: String {
        var text = essence
        for parameter in parameters {
            text += "; " + parameter.name + "="
            if MediaType.isToken(parameter.value[...]) {
                text += parameter.value
            } else {
                var escaped = ""
                for character in parameter.value {
                    if character == "\"" || character == "\\" { escaped.append("\\") }
                    escaped.append(character)
                }
                text += "\"" + escaped + "\""
            }
        }
        return text
    }

    /// Two media types are equal when type, subtype and parameters match in order.
    public static func == (left: MediaType, right: MediaType) -> Bool {
        left.type == right.type && left.subtype == right.subtype
            && left.parameters.elementsEqual(right.parameters) {
                $0.name == $1.name && $0.value == $1.value
            }
    }

    /// Whether `text` is a non-empty RFC 9110 token.
    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default:
                    "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }
}
