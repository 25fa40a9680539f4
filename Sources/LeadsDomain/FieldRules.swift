import BodyParsing

/// DRF's field types, each reduced to the rules the lead serializer uses, in the order DRF
/// applies them: empty-value handling, conversion, then validators.
enum FieldRules {
    /// What `validate_empty_values` decides before conversion.
    private enum EmptyDecision {
        case done(FieldOutcome<JSONValue?>)
        case convert(JSONValue)
    }

    /// DRF's `validate_empty_values`: a missing field is skipped on partial updates, an
    /// error when required, skipped otherwise; `null` is kept or refused.
    private static func emptyDecision(
        _ value: JSONValue?,
        isRequired: Bool,
        allowsNull: Bool,
        isPartial: Bool
    ) -> EmptyDecision {
        guard let value else {
            if !isPartial && isRequired { return .done(.invalid([ValidationMessage.required])) }
            return .done(.skipped)
        }
        if value == .null {
            return .done(allowsNull ? .valid(nil) : .invalid([ValidationMessage.null]))
        }
        return .convert(value)
    }

    /// DRF's `CharField` with `trim_whitespace`: blank text (after trimming) is checked
    /// before anything else, numbers become their Python text, other types are refused,
    /// then every validator runs and all their messages are kept. An uploaded file (given
    /// as its name) passes the blank check by its name and is then no valid string.
    static func text(
        _ value: JSONValue?,
        rules: SubmittedFields.EmptyRules,
        isPartial: Bool,
        isFile: Bool = false,
        maximumLength: Int? = nil,
        isTaken: ((String) -> Bool)? = nil
    ) -> FieldOutcome<String?> {
        if case .string(let text) = value, PythonText.strip(text).isEmpty {
            return rules.allowsBlank ? .valid("") : .invalid([ValidationMessage.blank])
        }
        if isFile { return .invalid([ValidationMessage.notAString]) }
        let submitted: JSONValue
        switch emptyDecision(
            value,
            isRequired: rules.isRequired,
            allowsNull: rules.allowsNull,
            isPartial: isPartial
        )
        {
        case .done(let outcome): return outcome.map { _ in nil }
        case .convert(let converted): submitted = converted
        }

        let text: String
        switch submitted {
        case .string(let written): text = PythonText.strip(written)
        case .number(let written): text = PythonText.strip(PythonText.numberText(written))
        default: return .invalid([ValidationMessage.notAString])
        }

        var messages: [String] = []
        let hasNullCharacter = text.unicodeScalars.contains("\u{0}")
        let surrogate = LoneSurrogate.first(in: text)
        // Neither a NUL nor a surrogate can reach the backend's database (its driver fails
        // before the query), so no lookup is made for them.
        if let isTaken, !hasNullCharacter, surrogate == nil, isTaken(text) {
            messages.append(ValidationMessage.uniqueIDTaken)
        }
        if let maximumLength, text.unicodeScalars.count > maximumLength {
            messages.append(ValidationMessage.maxLength(maximumLength))
        }
        if hasNullCharacter { messages.append(ValidationMessage.nullCharacters) }
        if let surrogate { messages.append(ValidationMessage.surrogateCharacter(surrogate)) }
        return messages.isEmpty ? .valid(text) : .invalid(messages)
    }

    /// DRF's `ChoiceField`: the Python text of the value must be one of the keys.
    static func choice<Choice: RawRepresentable<String>>(
        _ value: JSONValue?,
        as type: Choice.Type,
        isRequired: Bool,
        isPartial: Bool
    ) -> FieldOutcome<Choice> {
        switch emptyDecision(value, isRequired: isRequired, allowsNull: false, isPartial: isPartial)
        {
        case .done(.skipped): return .skipped
        case .done(.invalid(let messages)): return .invalid(messages)
        case .done(.valid): return .invalid([ValidationMessage.null])
        case .convert(let submitted):
            let text = PythonText.str(submitted)
            guard let choice = Choice(rawValue: text) else {
                return .invalid([ValidationMessage.invalidChoice(text)])
            }
            return .valid(choice)
        }
    }

    /// DRF's optional, nullable `DecimalField`: blank text is `null`; otherwise the Python
    /// text of the value is stripped, limited to 1000 characters, read as a `Decimal`,
    /// checked for digits, decimal places and whole digits (first failure only), then
    /// quantized half-even to `places`.
    static func decimal(
        _ value: JSONValue?,
        maximumDigits: Int,
        places: Int,
        isPartial: Bool
    ) -> FieldOutcome<DecimalNumber?> {
        var submitted = value
        if let value, PythonText.strip(PythonText.str(value)).isEmpty { submitted = .null }
        let converted: JSONValue
        switch emptyDecision(submitted, isRequired: false, allowsNull: true, isPartial: isPartial) {
        case .done(let outcome): return outcome.map { _ in nil }
        case .convert(let written): converted = written
        }

        let text = PythonText.strip(PythonText.str(converted))
        guard text.unicodeScalars.count <= 1000 else {
            return .invalid([ValidationMessage.stringTooLarge])
        }
        guard let number = DecimalNumber.parse(text) else {
            return .invalid([ValidationMessage.invalidNumber])
        }
        if number.digitCount > maximumDigits {
            return .invalid([ValidationMessage.maxDigits(maximumDigits)])
        }
        if number.decimalPlaces > places {
            return .invalid([ValidationMessage.maxDecimalPlaces(places)])
        }
        if number.wholeDigitCount > maximumDigits - places {
            return .invalid([ValidationMessage.maxWholeDigits(maximumDigits - places)])
        }
        return .valid(number.rounded(places: places))
    }

    /// DRF's nullable `SlugRelatedField` on `unique_id`: `""` is `null`, and any other
    /// value is looked up by its Python text, which is also what the error shows.
    static func relation(
        _ value: JSONValue?,
        isRequired: Bool,
        isPartial: Bool,
        exists: (String) -> Bool
    ) -> FieldOutcome<String?> {
        let submitted = value == .string("") ? .null : value
        switch emptyDecision(
            submitted,
            isRequired: isRequired,
            allowsNull: true,
            isPartial: isPartial
        )
        {
        case .done(let outcome):
            return outcome.map { _ in nil }
        case .convert(let converted):
            let key = PythonText.str(converted)
            // TODO: Decide from the backend's database whether a NUL gives "Invalid value."
            // (PostgreSQL drivers refuse the query) or a not-found message (SQLite).
            if key.unicodeScalars.contains("\u{0}") {
                return .invalid([ValidationMessage.invalidRelation])
            }
            // Encoding a surrogate for the query raises `UnicodeEncodeError`, a `ValueError`,
            // which DRF's `SlugRelatedField` answers as an invalid value.
            if LoneSurrogate.first(in: key) != nil {
                return .invalid([ValidationMessage.invalidRelation])
            }
            guard exists(key) else { return .invalid([ValidationMessage.doesNotExist(key)]) }
            return .valid(key)
        }
    }

    /// DRF's optional, nullable `DateField` with ISO 8601 input; values other than text
    /// get the format message too, as Python's parser refuses them, uploaded files included.
    static func date(
        _ value: JSONValue?,
        isPartial: Bool,
        isFile: Bool = false
    ) -> FieldOutcome<CalendarDate?> {
        switch emptyDecision(value, isRequired: false, allowsNull: true, isPartial: isPartial) {
        case .done(let outcome):
            return outcome.map { _ in nil }
        case .convert(let converted):
            guard !isFile, case .string(let text) = converted, let date = CalendarDate.parse(text)
            else {
                return .invalid([ValidationMessage.dateFormat])
            }
            return .valid(date)
        }
    }

    /// DRF's optional, nullable `DateTimeField` with ISO 8601 input, in UTC; an uploaded
    /// file gets the format message.
    static func dateTime(
        _ value: JSONValue?,
        isPartial: Bool,
        isFile: Bool = false
    ) -> FieldOutcome<UTCDateTime?> {
        switch emptyDecision(value, isRequired: false, allowsNull: true, isPartial: isPartial) {
        case .done(let outcome):
            return outcome.map { _ in nil }
        case .convert(let converted):
            guard !isFile, case .string(let text) = converted else {
                return .invalid([ValidationMessage.dateTimeFormat])
            }
            switch UTCDateTime.read(text) {
            case .instant(let instant): return .valid(instant)
            case .outOfRange: return .invalid([ValidationMessage.dateTimeOutOfRange])
            case .invalid: return .invalid([ValidationMessage.dateTimeFormat])
            }
        }
    }
}
