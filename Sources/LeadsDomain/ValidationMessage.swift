/// DRF's English error messages, word for word, so clients that match on them keep
/// working against this server.
enum ValidationMessage {
    static let required = "This field is required."
    static let null = "This field may not be null."
    static let blank = "This field may not be blank."
    static let notAString = "Not a valid string."
    static let nullCharacters = "Null characters are not allowed."
    static let invalidNumber = "A valid number is required."
    static let stringTooLarge = "String value too large."
    static let invalidRelation = "Invalid value."
    static let noData = "No data provided"
    static let uniqueIDTaken = "lead with this unique id already exists."
    static let dateFormat =
        "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
    static let dateTimeFormat =
        "Datetime has wrong format. Use one of these formats instead: "
        + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
    static let dateTimeOutOfRange = "Datetime value out of range."

    /// Python's `U+{code_point:X}`: upper-case hex without padding.
    static func surrogateCharacter(_ codePoint: UInt32) -> String {
        let hex = String(codePoint, radix: 16, uppercase: true)
        return "Surrogate characters are not allowed: U+\(hex)."
    }

    static func maxLength(_ limit: Int) -> String {
        "Ensure this field has no more than \(limit) characters."
    }

    static func maxDigits(_ limit: Int) -> String {
        "Ensure that there are no more than \(limit) digits in total."
    }

    static func maxDecimalPlaces(_ limit: Int) -> String {
        "Ensure that there are no more than \(limit) decimal places."
    }

    static func maxWholeDigits(_ limit: Int) -> String {
        "Ensure that there are no more than \(limit) digits before the decimal point."
    }

    static func invalidChoice(_ input: String) -> String {
        "\"\(input)\" is not a valid choice."
    }

    static func doesNotExist(_ value: String) -> String {
        "Object with unique_id=\(value) does not exist."
    }

    static func expectedDictionary(got typeName: String) -> String {
        "Invalid data. Expected a dictionary, but got \(typeName)."
    }
}
