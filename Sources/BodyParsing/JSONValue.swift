/// A parsed JSON document that keeps what DRF's parser would see: numbers as their exact
/// source text (so `1000.10` never passes through binary floating point) and object keys
/// in their original order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, for example `"-12.50"` or `"1e3"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object with keys kept in first-seen order; a repeated key keeps its first
/// position and its last value, as Python's `json` module does.
public struct JSONObject: Sendable, Equatable {
    /// Keys in order of first appearance.
    public private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    /// Creates an empty object.
    public init() {}

    /// Creates an object from ordered pairs.
    public init(_ pairs: [(String, JSONValue)]) {
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// The value for `key`, or nil when the key is absent (a JSON `null` is `.null`).
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Pairs in key order.
    public var pairs: [(key: String, value: JSONValue)] {
        keys.map { ($0, values[$0]!) }
    }

    /// Number of keys.
    public var count: Int { keys.count }
}

extension JSONObject {
    /// Builds an object from parallel runs of keys and values, as the parser collects them,
    /// without going through an intermediate array of pairs.
    init(keys newKeys: ArraySlice<String>, values newValues: ArraySlice<JSONValue>) {
        self.init()
        keys.reserveCapacity(newKeys.count)
        values.reserveCapacity(newKeys.count)
        for (key, value) in zip(newKeys, newValues) {
            if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        }
    }
}
