import BodyParsing

/// Validates a submitted lead exactly as the backend's DRF `ModelSerializer` does, so that
/// a client sees the same 400 bodies from this server as from the real one.
public enum LeadValidator {
    /// Checks every writable field and collects every failure at once, in field order.
    ///
    /// Read-only fields (`weighted_value`, `created_by`, `assigned_to`, `is_closed`,
    /// `date_created`, `last_updated`) and unknown fields are ignored, as DRF does. A JSON
    /// body that is not an object fails as a whole under `non_field_errors`: "Invalid
    /// data. Expected a dictionary, but got list." (with Python's type name), or "No data
    /// provided" for `null`. The lookups are only asked about values that are otherwise
    /// valid text.
    public static func validate(
        _ body: SubmittedBody,
        mode: WriteMode,
        lookup: ReferenceLookup
    ) -> Result<LeadChanges, FieldErrors> {
        let fields: SubmittedFields
        switch body {
        case .form(let pairs, let files):
            fields = SubmittedFields(form: pairs, files: files)
        case .json(.object(let object)):
            fields = SubmittedFields(object: object)
        case .json(.null):
            return .failure(
                FieldErrors(field: FieldErrors.nonFieldErrorsKey, message: ValidationMessage.noData)
            )
        case .json(let other):
            let message = ValidationMessage.expectedDictionary(got: PythonText.typeName(other))
            return .failure(FieldErrors(field: FieldErrors.nonFieldErrorsKey, message: message))
        }

        var validation = Validation(fields: fields, isPartial: mode == .partialUpdate)
        var changes = validation.changes(lookup: lookup)
        guard validation.errors.isEmpty else { return .failure(validation.errors) }

        if mode == .create { changes.fillDefaultsForCreate() }
        return .success(changes)
    }

    /// One pass over the serializer's fields, gathering values and errors.
    private struct Validation {
        let fields: SubmittedFields
        let isPartial: Bool
        var errors = FieldErrors()

        init(fields: SubmittedFields, isPartial: Bool) {
            self.fields = fields
            self.isPartial = isPartial
        }

        /// Optional, nullable text that may be blank, as the model's `null=True,
        /// blank=True` text fields give.
        static let optionalText = SubmittedFields.EmptyRules(
            isRequired: false,
            allowsNull: true,
            allowsBlank: true
        )

        mutating func changes(lookup: ReferenceLookup) -> LeadChanges {
            var changes = LeadChanges()
            let textRules = Self.optionalText

            let uniqueID = FieldRules.text(
                fields.value(of: "unique_id", rules: textRules),
                rules: textRules,
                isPartial: isPartial,
                isFile: fields.isFile("unique_id"),
                maximumLength: 100,
                isTaken: lookup.uniqueIDTaken
            )
            changes.uniqueID = record(
                "unique_id",
                uniqueID.map { $0.flatMap { $0.isEmpty ? nil : $0 } }
            )

            let titleRules = SubmittedFields.EmptyRules(
                isRequired: true,
                allowsNull: false,
                allowsBlank: false
            )
            let title = FieldRules.text(
                fields.value(of: "title", rules: titleRules),
                rules: titleRules,
                isPartial: isPartial,
                isFile: fields.isFile("title")
            )
            changes.title = record("title", title.map { $0 ?? "" })

            for (name, keyPath) in [
                ("description", \LeadChanges.description),
                ("qualification_notes", \LeadChanges.qualificationNotes),
            ] {
                let outcome = FieldRules.text(
                    fields.value(of: name, rules: textRules),
                    rules: textRules,
                    isPartial: isPartial,
                    isFile: fields.isFile(name)
                )
                changes[keyPath: keyPath] = record(name, outcome)
            }

            changes.priority = record(
                "priority",
                choice("priority", Priority.self, isRequired: false)
            )
            changes.leadSource = record(
                "lead_source",
                choice("lead_source", LeadSource.self, isRequired: true)
            )

            changes.estimatedValue = record(
                "estimated_value",
                decimal("estimated_value", maximumDigits: 18)
            )
            changes.winProbability = record(
                "win_probability",
                decimal("win_probability", maximumDigits: 5)
            )

            changes.salesStage = record(
                "sales_stage",
                relation("sales_stage", isRequired: true, exists: lookup.salesStageExists)
            )
            changes.client = record(
                "client",
                relation("client", isRequired: false, exists: lookup.clientExists)
            )

            let nullable = SubmittedFields.EmptyRules(
                isRequired: false,
                allowsNull: true,
                allowsBlank: false
            )
            changes.expectedCloseDate = record(
                "expected_close_date",
                FieldRules.date(
                    fields.value(of: "expected_close_date", rules: nullable),
                    isPartial: isPartial,
                    isFile: fields.isFile("expected_close_date")
                )
            )
            changes.followUpDate = record(
                "follow_up_date",
                FieldRules.dateTime(
                    fields.value(of: "follow_up_date", rules: nullable),
                    isPartial: isPartial,
                    isFile: fields.isFile("follow_up_date")
                )
            )
            return changes
        }

        private func choice<Choice: RawRepresentable<String>>(
            _ name: String,
            _ type: Choice.Type,
            isRequired: Bool
        ) -> FieldOutcome<Choice> {
            let rules = SubmittedFields.EmptyRules(
                isRequired: isRequired,
                allowsNull: false,
                allowsBlank: false
            )
            return FieldRules.choice(
                fields.value(of: name, rules: rules),
                as: type,
                isRequired: isRequired,
                isPartial: isPartial
            )
        }

        private func decimal(_ name: String, maximumDigits: Int) -> FieldOutcome<DecimalNumber?> {
            let rules = SubmittedFields.EmptyRules(
                isRequired: false,
                allowsNull: true,
                allowsBlank: false
            )
            return FieldRules.decimal(
                fields.value(of: name, rules: rules),
                maximumDigits: maximumDigits,
                places: 2,
                isPartial: isPartial
            )
        }

        private func relation(
            _ name: String,
            isRequired: Bool,
            exists: (String) -> Bool
        ) -> FieldOutcome<String?> {
            let rules = SubmittedFields.EmptyRules(
                isRequired: isRequired,
                allowsNull: true,
                allowsBlank: false
            )
            return FieldRules.relation(
                fields.value(of: name, rules: rules),
                isRequired: isRequired,
                isPartial: isPartial,
                exists: exists
            )
        }

        /// Keeps an outcome's messages under the field's name and turns its value into
        /// a change.
        private mutating func record<Value>(_ name: String, _ outcome: FieldOutcome<Value>)
            -> FieldChange<Value>
        {
            switch outcome {
            case .skipped:
                return .unchanged
            case .valid(let value):
                return .set(value)
            case .invalid(let messages):
                for message in messages { errors.add(name, message) }
                return .unchanged
            }
        }
    }
}

extension LeadChanges {
    /// Gives every field a new lead left out the value the model would store.
    mutating func fillDefaultsForCreate() {
        if uniqueID == .unchanged { uniqueID = .set(nil) }
        if description == .unchanged { description = .set(nil) }
        if qualificationNotes == .unchanged { qualificationNotes = .set(nil) }
        if priority == .unchanged { priority = .set(.medium) }
        if estimatedValue == .unchanged { estimatedValue = .set(nil) }
        if winProbability == .unchanged { winProbability = .set(nil) }
        if client == .unchanged { client = .set(nil) }
        if expectedCloseDate == .unchanged { expectedCloseDate = .set(nil) }
        if followUpDate == .unchanged { followUpDate = .set(nil) }
    }
}
