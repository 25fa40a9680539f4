/// Zero-padded decimal text, the `%02d` of Python's date formatting.
enum Digits {
    /// `value` in decimal with leading zeros up to `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
