/// A file part of a multipart body, reduced to what DRF's fields can see of it: the
/// field it was sent under and its name, which is what Python's `str()` of an uploaded
/// file gives.
public struct SubmittedFile: Sendable, Equatable {
    /// The `name` of the part.
    public var fieldName: String

    /// The file name as Django keeps it after `sanitize_file_name`.
    public var fileName: String

    /// Creates a submitted file.
    public init(fieldName: String, fileName: String) {
        self.fieldName = fieldName
        self.fileName = fileName
    }

    /// Django's `MultiPartParser.sanitize_file_name`: only the part after the last `/` or
    /// `\`, without unprintable characters; nil when nothing usable is left, in which case
    /// Django drops the part altogether.
    public static func sanitizedFileName(_ fileName: String) -> String? {
        // TODO: Django unescapes HTML character references in the name first; names with
        // `&...;` keep them here.
        let lastPart = fileName.split(separator: "/", omittingEmptySubsequences: false).last!
        let baseName = lastPart.split(separator: "\\", omittingEmptySubsequences: false).last!
        var printable = String.UnicodeScalarView()
        for scalar in baseName.unicodeScalars where PythonText.isPrintable(scalar) {
            printable.append(scalar)
        }
        let name = String(printable)
        return ["", ".", ".."].contains(name) ? nil : name
    }
}
