import BodyParsing
import HTTPServer
import LeadsDomain

/// Reads a request body the way DRF's parsers do: JSON, urlencoded forms and multipart
/// forms all become one `SubmittedBody`; other media types are refused with 415.
enum BodyDecoder {
    /// The media types a body may have, in the order DRF's default parsers are listed.
    static let parsedMediaTypes = [
        "application/json", "application/x-www-form-urlencoded", "multipart/form-data",
    ]

    /// Parses the body of `request`. An empty body is an empty object whatever its media
    /// type, as DRF treats a request without content.
    static func decode(_ request: HTTPRequest) throws(APIError) -> SubmittedBody {
        guard !request.body.isEmpty else {
            return .json(.object(JSONObject()))
        }

        let contentType = request.headers["Content-Type"] ?? ""
        guard let mediaType = MediaType.parse(contentType),
            let parser = Parser.allCases.first(where: { $0.mediaType.matches(mediaType) })
        else {
            throw .unsupportedMediaType(contentType)
        }

        // Django keeps UTF-8 when the named charset is one Python does not know.
        let charset = mediaType.parameter("charset").flatMap(BodyCharset.named) ?? .utf8
        switch parser {
        case .json:
            return .json(try decodeJSON(request.body, charset: charset))
        case .urlencodedForm:
            do {
                return .form(try URLEncodedFormParser.parse(request.body, charset: charset).fields)
            } catch {
                // TODO: Django answers too many fields with its HTML "Bad Request (400)" page
                // and without DRF's headers; this JSON 400 only keeps the status.
                throw .malformedBody("Form parse error - \(error.message)")
            }
        case .multipartForm:
            do {
                let form = try MultipartParser.parse(request.body, contentType: mediaType)
                let files = form.files.compactMap { file in
                    SubmittedFile.sanitizedFileName(file.fileName).map {
                        SubmittedFile(fieldName: file.fieldName, fileName: $0)
                    }
                }
                return .form(form.fields, files: files)
            } catch {
                throw .malformedBody("Multipart form parse error - \(error.message)")
            }
        }
    }

    /// DRF's default parsers in the order it tries them. The first whose media type matches
    /// the request's reads the body, wildcards on either side included, so a body sent as
    /// `*/*` or `application/*` is read as JSON, as DRF reads it.
    private enum Parser: CaseIterable {
        case json
        case urlencodedForm
        case multipartForm

        var mediaType: MediaType {
            switch self {
            case .json: MediaType(type: "application", subtype: "json")
            case .urlencodedForm: MediaType(type: "application", subtype: "x-www-form-urlencoded")
            case .multipartForm: MediaType(type: "multipart", subtype: "form-data")
            }
        }
    }

    /// Parses JSON as DRF's strict parser on CPython does: NaN and Infinity are refused
    /// and integers are limited to 4300 digits.
    static func decodeJSON(
        _ bytes: [UInt8],
        charset: BodyCharset = .utf8
    ) throws(APIError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, charset: charset, options: .djangoRESTFramework)
        } catch {
            throw .malformedBody("JSON parse error - \(error.message)")
        }
    }
}
