public import BodyParsing

/// Validation failures shaped like a DRF 400 body: each field name with its messages, in
/// the serializer's field order, `non_field_errors` last. This is the one error type of
/// the target; the API layer renders it as the response body.
public struct FieldErrors: Error, Sendable, Equatable {
    /// The key DRF uses for errors that belong to no single field.
    public static let nonFieldErrorsKey = "non_field_errors"

    /// Field names with their messages, in the order they were added.
    public private(set) var entries: [(field: String, messages: [String])] = []

    /// Creates an empty collection.
    public init() {}

    /// Creates a collection with a single message, for failures with one cause.
    public init(field: String, message: String) {
        add(field, message)
    }

    /// True when nothing failed.
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a message to a field, after the field's earlier messages; a new field goes last.
    public mutating func add(_ field: String, _ message: String) {
        if let index = entries.firstIndex(where: { $0.field == field }) {
            entries[index].messages.append(message)
        } else {
            entries.append((field: field, messages: [message]))
        }
    }

    /// The messages of one field, empty when it has none.
    public func messages(for field: String) -> [String] {
        entries.first { $0.field == field }?.messages ?? []
    }

    /// The body DRF would send: an object of string arrays in field order.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        for entry in entries {
            object[entry.field] = .array(entry.messages.map { .string($0) })
        }
        return .object(object)
    }

    /// Equal when the same fields carry the same messages in the same order.
    public static func == (left: FieldErrors, right: FieldErrors) -> Bool {
        left.entries.elementsEqual(right.entries) {
            $0.field == $1.field && $0.messages == $1.messages
        }
    }
}
