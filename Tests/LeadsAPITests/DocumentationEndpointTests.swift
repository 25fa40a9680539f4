import BodyParsing
import TestSupport
import Testing

@testable import LeadsAPI

/// `/api/schema/` and `/api/docs/` over real sockets, without credentials.
@Suite struct DocumentationEndpointTests {
    @Test func schemaServesTheEmbeddedBytes() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", "/api/schema/")

        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.body == OpenAPIDocument.bytes)
        let document = try JSONParser.parse(response.body)
        #expect(documentValue(document, "openapi") == .string("3.0.3"))
    }

    @Test func schemaAnswersHeadAndTheJSONFormat() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let head = try server.request("HEAD", "/api/schema/")
        let json = try server.request("GET", "/api/schema/?format=json")

        #expect(head.status == 200)
        #expect(head.header("Content-Length") == String(OpenAPIDocument.bytes.count))
        #expect(head.body.isEmpty)
        #expect(json.status == 200)
        #expect(json.body == OpenAPIDocument.bytes)
    }

    @Test func schemaRefusesOtherFormats() throws {
        let server = try APITestServer()
        defer { server.stop() }

        for format in ["yaml", "openapi", "JSON"] {
            let response = try server.request("GET", "/api/schema/?format=\(format)")
            #expect(response.status == 404, "\(format)")
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"detail":"Not found."}"#)
        }
    }

    @Test func schemaIgnoresCredentials() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", "/api/schema/", as: "alice", password: "wrong")

        #expect(response.status == 200)
        #expect(response.body == OpenAPIDocument.bytes)
    }

    @Test func docsPageNamesEveryOperation() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let response = try server.request("GET", "/api/docs/")
        let document = try JSONParser.parse(OpenAPIDocument.bytes)

        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        let page = response.text
        let paths = try #require(documentValue(document, "paths"))
        for path in documentKeys(paths) {
            #expect(page.contains("<code class=\"path\">\(path)</code>"), "\(path)")
            for method in documentKeys(documentValue(paths, path)) {
                guard
                    case .string(let operationID)? = documentValue(
                        paths,
                        path,
                        method,
                        "operationId"
                    )
                else {
                    Issue.record("\(method) \(path) has no operationId")
                    continue
                }
                #expect(page.contains("id=\"operation-\(operationID)\""), "\(operationID)")
            }
        }
    }

    @Test func docsPageListsLeadSourcesWithTheirLabels() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let page = try server.request("GET", "/api/docs/").text

        let sources = [
            "website", "social_media", "email_marketing", "referral", "cold_calling",
            "trade_show", "advertising", "content_marketing", "seo", "ppc", "partner", "other",
        ]
        for source in sources {
            #expect(page.contains("<li><code>\(source)</code>"), "\(source)")
        }
        #expect(page.contains("<li><code>ppc</code> Pay-per-Click</li>"))
        #expect(page.contains("maxLength <code>100</code>"))
        #expect(page.contains("<span class=\"badge\">read-only</span>"))
    }

    @Test func docsPageShowsRunnableCurlLines() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let page = unescaped(try server.request("GET", "/api/docs/").text)

        let expected = [
            #"curl -u alice:alice-pass "$BASE_URL/api/v1.0/organisation/org-demo/leads/""#,
            #"curl -X POST -u alice:alice-pass -H 'Content-Type: application/json' -d "#
                + #"'{"title":"Website redesign","lead_source":"website","#
                + #""sales_stage":"stage-new"}' "#
                + #""$BASE_URL/api/v1.0/organisation/org-demo/leads/create/""#,
            #"curl -X DELETE -u alice:alice-pass "#
                + #""$BASE_URL/api/v1.0/organisation/org-demo/leads/lead-001/delete/""#,
            #"curl -X POST -H "Authorization: Bearer $TOKEN" "$BASE_URL/__admin/reset""#,
            #"curl "$BASE_URL/healthz""#,
            #"curl -s -b cookies.txt -c cookies.txt -o /dev/null "$BASE_URL/api-auth/login/" "#
                + #"&& curl -X POST -b cookies.txt -c cookies.txt "#
                + #"-H "X-CSRFToken: $(awk '/csrftoken/ {print $7}' cookies.txt)" "#
                + #"-H 'Content-Type: application/json' "#
                + #"-d '{"username":"alice","password":"alice-pass"}' "$BASE_URL/api-auth/login/""#,
        ]
        for line in expected {
            #expect(page.contains(line), "\(line)")
        }
    }

    @Test func docsPageIsSelfContainedAndEscaped() throws {
        let server = try APITestServer()
        defer { server.stop() }

        let page = try server.request("GET", "/api/docs/").text

        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("http://"))
        #expect(!page.contains("https://"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("src="))
        #expect(!page.contains("@import"))
        #expect(page.contains("<code>Prefer: code=&lt;status&gt;</code>"))
        #expect(!page.contains("<status>"))
        #expect(page.contains("&quot;title&quot;:&quot;Website redesign&quot;"))
    }

    /// The page's text with the character references `HTMLText.escape` writes turned back.
    private func unescaped(_ html: String) -> String {
        var text = html
        let references = [
            ("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"),
        ]
        for (reference, character) in references {
            text = text.split(separator: reference, omittingEmptySubsequences: false)
                .joined(separator: character)
        }
        return text
    }
}
