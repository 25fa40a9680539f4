import BodyParsing
import LeadsDomain

/// The JSON form of behaviour settings, read and written by the admin API:
/// `{"latency_ms": {"min": 0, "max": 0}, "error_rate": 0, "error_status": 503, "seed": null}`.
enum BehaviourDocument {
    /// The settings as JSON.
    static func json(_ settings: BehaviourSettings) -> JSONValue {
        .object(
            JSONObject([
                (
                    "latency_ms",
                    .object(
                        JSONObject([
                            ("min", .number(String(settings.latencyMinimum))),
                            ("max", .number(String(settings.latencyMaximum))),
                        ])
                    )
                ),
                ("error_rate", .number(String(settings.errorRate))),
                ("error_status", .number(String(settings.errorStatus))),
                ("seed", settings.seed.map { .number(String($0)) } ?? .null),
            ])
        )
    }

    /// New settings from a request body; fields it leaves out keep their current value.
    static func settings(from body: JSONObject, current: BehaviourSettings) throws
        -> BehaviourSettings
    {
        var settings = current
        var errors = FieldErrors()
        for key in body.keys where !knownKeys.contains(key) {
            errors.add(key, "Unknown setting; use latency_ms, error_rate, error_status or seed.")
        }

        if let latency = body["latency_ms"] {
            switch latency {
            case .object(let range):
                let unusable = range.pairs.contains { key, value in
                    !["min", "max"].contains(key) || number(value) == nil
                }
                let minimum = number(range["min"]) ?? settings.latencyMinimum
                let maximum = number(range["max"]) ?? max(minimum, settings.latencyMaximum)
                if unusable {
                    errors.add("latency_ms", "Expected {\"min\": number, \"max\": number}.")
                } else if minimum < 0 || maximum < minimum || maximum > 60_000 {
                    errors.add(
                        "latency_ms",
                        "Use 0 <= min <= max <= 60000 milliseconds."
                    )
                } else {
                    settings.latencyMinimum = minimum
                    settings.latencyMaximum = maximum
                }
            case .number:
                if let fixed = number(latency), fixed >= 0, fixed <= 60_000 {
                    settings.latencyMinimum = fixed
                    settings.latencyMaximum = fixed
                } else {
                    errors.add("latency_ms", "Use 0 <= min <= max <= 60000 milliseconds.")
                }
            default:
                errors.add("latency_ms", "Expected {\"min\": number, \"max\": number}.")
            }
        }

        if let rate = body["error_rate"] {
            if let value = number(rate), (0...1).contains(value) {
                settings.errorRate = value
            } else {
                errors.add("error_rate", "Ensure this value is a number from 0 to 1.")
            }
        }

        if let status = body["error_status"] {
            if let value = number(status), value == value.rounded(), (400...599).contains(value) {
                settings.errorStatus = Int(value)
            } else {
                errors.add("error_status", "Ensure this value is an integer from 400 to 599.")
            }
        }

        if let seed = body["seed"] {
            switch seed {
            case .null: settings.seed = nil
            case .number(let text) where UInt64(text) != nil: settings.seed = UInt64(text)
            default: errors.add("seed", "Ensure this value is null or a non-negative integer.")
            }
        }

        guard errors.isEmpty else { throw APIError.validation(errors) }
        return settings
    }

    /// The members a behaviour document may have.
    private static let knownKeys: Set<String> = [
        "latency_ms", "error_rate", "error_status", "seed",
    ]

    private static func number(_ value: JSONValue?) -> Double? {
        guard case .number(let text)? = value, let number = Double(text), number.isFinite else {
            return nil
        }
        return number
    }
}
