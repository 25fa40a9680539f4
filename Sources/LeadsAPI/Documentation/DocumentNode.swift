import BodyParsing

/// One place in a parsed OpenAPI document, read leniently: a missing key or a value of an
/// unexpected type reads as empty. The page shows what the document holds and skips what
/// it lacks, so a gap in the description never stops the server from starting.
struct DocumentNode: Sendable {
    /// The JSON at this place, or nil when nothing is there.
    let value: JSONValue?

    /// Wraps `value`.
    init(_ value: JSONValue?) {
        self.value = value
    }

    /// The member `key` of an object, or an absent node.
    subscript(key: String) -> DocumentNode {
        guard case .object(let object) = value else { return DocumentNode(nil) }
        return DocumentNode(object[key])
    }

    /// Whether anything is at this place.
    var isPresent: Bool { value != nil }

    /// The text of a string.
    var text: String? {
        guard case .string(let text) = value else { return nil }
        return text
    }

    /// A string, number or boolean written as a person reads it; nil for anything else.
    var scalarText: String? {
        switch value {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        default: nil
        }
    }

    /// Whether this is an object, such as a schema (as opposed to `true` or `false`).
    var isObject: Bool {
        guard case .object = value else { return false }
        return true
    }

    /// Whether this is the boolean `true`.
    var isTrue: Bool { value == .bool(true) }

    /// The elements of an array, empty for anything else.
    var elements: [DocumentNode] {
        guard case .array(let values) = value else { return [] }
        return values.map(DocumentNode.init)
    }

    /// The members of an object in document order, empty for anything else.
    var members: [(key: String, node: DocumentNode)] {
        guard case .object(let object) = value else { return [] }
        return object.pairs.map { ($0.key, DocumentNode($0.value)) }
    }

    /// The strings of an array of strings; other elements are left out.
    var strings: [String] {
        elements.compactMap(\.text)
    }
}

/// Reads a whole OpenAPI document: the root plus `$ref` resolution, which every part of
/// the page needs because schemas, parameters and responses may all be references.
struct OpenAPIReader: Sendable {
    /// The document itself.
    let root: DocumentNode

    /// How many references in a row are followed before giving up, so a reference cycle
    /// cannot hang start-up.
    private static let maximumHops = 16

    /// Reads the parsed document `value`.
    init(_ value: JSONValue) {
        root = DocumentNode(value)
    }

    /// `node` with any `$ref` followed to what it points at; an unresolvable reference
    /// stays as it is.
    func resolve(_ node: DocumentNode) -> DocumentNode {
        var current = node
        for _ in 0..<Self.maximumHops {
            guard let reference = current["$ref"].text, let target = lookUp(reference) else {
                return current
            }
            current = target
        }
        return current
    }

    /// The node a local reference such as `#/components/schemas/Lead` points at.
    func lookUp(_ reference: String) -> DocumentNode? {
        guard reference.hasPrefix("#/") else { return nil }

        var node = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false)
        {
            let key = String(token)
                .replacingAll("~1", with: "/")
                .replacingAll("~0", with: "~")
            node = node[key]
            guard node.isPresent else { return nil }
        }
        return node
    }

    /// The last part of a reference, which names the schema or response it points at.
    static func referenceName(_ reference: String) -> String {
        reference.split(separator: "/").last.map(String.init) ?? reference
    }
}

extension String {
    /// The text with every occurrence of `target` replaced by `replacement`, without
    /// Foundation.
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }

        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
