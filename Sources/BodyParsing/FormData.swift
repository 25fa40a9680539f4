/// The fields of a form body, kept as Django's `QueryDict` keeps them: in order, with
/// repeated names preserved, so a view sees the same value Django would pick.
public struct FormData: Sendable, Equatable {
    /// Every field in body order; a name may repeat.
    public var fields: [(name: String, value: String)]

    /// The file parts of a multipart body, kept so nothing is lost although the API
    /// accepts no uploads.
    public var files: [MultipartFile]

    /// Creates form data from fields in order and, for multipart bodies, files.
    public init(fields: [(name: String, value: String)] = [], files: [MultipartFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The last value for `name`, because `QueryDict[name]` answers with the last one.
    public func last(_ name: String) -> String? {
        fields.last { $0.name == name }?.value
    }

    /// Every value for `name` in body order, as `QueryDict.getlist` returns them.
    public func values(_ name: String) -> [String] {
        fields.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Whether any field is called `name`, even with an empty value.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name == name }
    }

    /// Two forms are equal when their fields and files match in order.
    public static func == (left: FormData, right: FormData) -> Bool {
        left.files == right.files
            && left.fields.elementsEqual(right.fields) {
                $0.name == $1.name && $0.value == $1.value
            }
    }
}

/// A file part of a multipart body.
public struct MultipartFile: Sendable, Equatable {
    /// The `name` of the part's `Content-Disposition`.
    public var fieldName: String

    /// The `filename` of the part's `Content-Disposition`, as the client sent it.
    public var fileName: String

    /// The part's `Content-Type`, when it had one.
    public var contentType: String?

    /// The raw bytes of the part.
    public var content: [UInt8]

    /// Creates a file part.
    public init(fieldName: String, fileName: String, contentType: String?, content: [UInt8]) {
        self.fieldName = fieldName
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
    }
}
