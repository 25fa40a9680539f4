import BodyParsing
import LeadsDomain

/// Turns stored leads into the contract's `Lead` object, with fields in the serializer's
/// order and the computed ones (`weighted_value`, `is_closed`) derived from exact decimals.
enum LeadRenderer {
    /// The JSON object for one lead.
    static func json(_ lead: LeadRecord) -> JSONValue {
        let estimated = lead.estimatedValue.flatMap(DecimalNumber.parse)
        let probability = lead.winProbability.flatMap(DecimalNumber.parse)
        let weighted: JSONValue
        switch WeightedValue.compute(estimatedValue: estimated, winProbability: probability) {
        case .success(let value?): weighted = .string(value.formatted(places: 2))
        default: weighted = .null
        }

        let object = JSONObject([
            ("unique_id", .string(lead.uniqueID)),
            ("title", .string(lead.title)),
            ("description", text(lead.description)),
            ("qualification_notes", text(lead.qualificationNotes)),
            ("priority", .string(lead.priority)),
            ("lead_source", .string(lead.leadSource)),
            ("estimated_value", text(lead.estimatedValue)),
            ("win_probability", text(lead.winProbability)),
            ("weighted_value", weighted),
            ("sales_stage", text(lead.salesStage)),
            ("client", text(lead.client)),
            ("expected_close_date", text(lead.expectedCloseDate)),
            ("follow_up_date", text(lead.followUpDate)),
            ("created_by", person(lead.createdBy)),
            ("assigned_to", person(lead.assignedTo)),
            ("is_closed", .bool(isClosed(probability))),
            ("date_created", .string(lead.dateCreated)),
            ("last_updated", .string(lead.lastUpdated)),
        ])
        return .object(object)
    }

    /// A lead is closed once it is won (100) or lost (0).
    static func isClosed(_ probability: DecimalNumber?) -> Bool {
        guard let probability else { return false }
        let text = probability.formatted(places: 2)
        return text == "100.00" || text == "0.00" || text == "-0.00"
    }

    private static func text(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    private static func person(_ summary: PersonSummary?) -> JSONValue {
        guard let summary else { return .null }
        return .object(
            JSONObject([
                ("unique_id", .string(summary.uniqueID)),
                ("full_name", .string(summary.fullName)),
            ])
        )
    }
}
