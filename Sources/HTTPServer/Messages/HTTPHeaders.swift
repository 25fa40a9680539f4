/// Header fields in the order they arrived or were added. Names compare without regard to
/// ASCII case, and repeated fields stay separate, because some (such as `Set-Cookie`)
/// cannot be joined with commas.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// Fields as `(name, value)` pairs with the name spelled as it was given.
    private var fields: [(name: String, value: String)]

    /// Creates an empty set of fields.
    public init() {
        fields = []
    }

    /// Creates fields from pairs, keeping their order and repetitions.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// Creates fields from a literal, for tests and small fixed responses.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The number of fields, counting repetitions.
    public var count: Int { fields.count }

    /// Whether there are no fields at all.
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value of the named field, or nil when it is absent.
    public subscript(name: String) -> String? {
        for field in fields where HTTPHeaders.namesMatch(field.name, name) {
            return field.value
        }
        return nil
    }

    /// Every value of the named field, in order.
    public func values(for name: String) -> [String] {
        var result: [String] = []
        for field in fields where HTTPHeaders.namesMatch(field.name, name) {
            result.append(field.value)
        }
        return result
    }

    /// Appends a field, keeping any earlier ones with the same name.
    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field with this name by one field, placed where the first one was
    /// (or at the end when there was none).
    public mutating func set(name: String, value: String) {
        guard let first = fields.firstIndex(where: { HTTPHeaders.namesMatch($0.name, name) })
        else {
            fields.append((name: name, value: value))
            return
        }

        fields[first] = (name: name, value: value)
        var index = fields.count - 1
        while index > first {
            if HTTPHeaders.namesMatch(fields[index].name, name) {
                fields.remove(at: index)
            }
            index -= 1
        }
    }

    /// Removes every field with this name.
    public mutating func remove(name: String) {
        fields.removeAll { HTTPHeaders.namesMatch($0.name, name) }
    }

    /// Whether at least one field has this name.
    public func contains(_ name: String) -> Bool {
        fields.contains { HTTPHeaders.namesMatch($0.name, name) }
    }

    /// Whether a comma-separated field (such as `Connection`) lists `token`, ignoring case
    /// and spaces around the commas.
    public func containsToken(_ token: String, in name: String) -> Bool {
        for value in values(for: name) {
            for part in value.utf8.split(separator: UInt8(ascii: ",")) {
                if ASCII.equalsIgnoringCase(ASCII.trimmingWhitespace(part), token.utf8) {
                    return true
                }
            }
        }
        return false
    }

    /// Iterates over `(name, value)` pairs in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// The fields one per line as `Name: value`, for debugging; never log this for requests,
    /// since it includes cookies and credentials.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// Compares two field names without regard to ASCII case, as HTTP compares them.
    public static func namesMatch(_ left: String, _ right: String) -> Bool {
        ASCII.equalsIgnoringCase(left.utf8, right.utf8)
    }
}
