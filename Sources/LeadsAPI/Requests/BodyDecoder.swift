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
            parsedMediaTypes.contains(mediaType.essence)
        else {
            throw .unsupportedMediaType(contentType)
        }

        switch mediaType.essence {
        case "application/json":
            return .json(try decodeJSON(request.body))
        case "application/x-www-form-urlencoded":
            do {
                return .form(try URLEncodedFormParser.parse(request.body).fields)
            } catch {
                throw .malformedBody("Form parse error - \(error.message)")
            }
        default:
            guard let boundary = mediaType.parameter("boundary"), !boundary.isEmpty else {
                throw .malformedBody(
                    "Multipart form parse error - Invalid boundary in multipart: None"
                )
            }
            do {
                return .form(try MultipartParser.parse(request.body, boundary: boundary).fields)
            } catch {
                throw .malformedBody("Multipart form parse error - \(error.message)")
            }
        }
    }

    /// Parses JSON as DRF's strict parser on CPython does: NaN and Infinity are refused
    /// and integers are limited to 4300 digits.
    static func decodeJSON(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, options: .djangoRESTFramework)
        } catch {
            throw .malformedBody("JSON parse error - \(error.message)")
        }
    }
}
