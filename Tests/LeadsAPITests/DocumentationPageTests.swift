import BodyParsing
import Testing

@testable import LeadsAPI

/// The page renderer on small documents made to probe one behaviour each.
@Suite struct DocumentationPageTests {
    /// A document whose texts try to inject markup and whose schemas use `$ref`, `allOf`,
    /// nested objects and enums described the way the contract describes them.
    static let document = #"""
        {
          "openapi": "3.0.3",
          "info": {
            "title": "Probe <b>API</b>",
            "version": "1 & 2",
            "description": "Line <script>alert('x')</script>\n\n* first `a<b`\n* second"
          },
          "security": [{"basicAuth": []}],
          "components": {
            "securitySchemes": {
              "basicAuth": {"type": "http", "scheme": "basic"},
              "bearerAuth": {"type": "http", "scheme": "bearer"}
            },
            "parameters": {
              "Trace": {"in": "header", "name": "X-Trace", "schema": {"type": "string"},
                        "example": "t-1"}
            },
            "schemas": {
              "Base": {
                "type": "object",
                "properties": {
                  "colour": {"type": "string", "enum": ["red", "blue"],
                             "description": "Pick one.\n\n* `red` - Warm red\n* `blue` - Sky"},
                  "id": {"type": "string", "readOnly": true}
                },
                "required": ["colour"]
              },
              "Widget": {
                "allOf": [
                  {"$ref": "#/components/schemas/Base"},
                  {"type": "object",
                   "properties": {
                     "name": {"type": "string", "maxLength": 12, "nullable": true,
                              "description": "Shown as <i>name</i>."},
                     "size": {"type": "object",
                              "properties": {"width": {"type": "integer", "minimum": 2}},
                              "required": ["width"]}
                   },
                   "required": ["size"]}
                ]
              }
            }
          },
          "paths": {
            "/widgets/{widget_id}/": {
              "put": {
                "operationId": "widget_replace",
                "summary": "Replace <widget>",
                "parameters": [
                  {"in": "path", "name": "widget_id", "required": true,
                   "schema": {"type": "string"}},
                  {"$ref": "#/components/parameters/Trace"}
                ],
                "requestBody": {"required": true, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}
                }},
                "responses": {"200": {"description": "Replaced & stored"}}
              }
            },
            "/admin/ping": {
              "post": {
                "operationId": "admin_ping",
                "security": [{"bearerAuth": []}],
                "responses": {"204": {"description": "Pong"}}
              }
            },
            "/open": {
              "get": {"operationId": "open_read", "security": [],
                      "responses": {"200": {"description": "Open"}}}
            }
          }
        }
        """#

    private let page: String

    init() throws {
        let value = try JSONParser.parse(Array(Self.document.utf8))
        page = DocumentationPage(document: value).render()
    }

    @Test func escapesEveryTextFromTheDocument() {
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b>API</b>"))
        #expect(!page.contains("<i>name</i>"))
        #expect(!page.contains("<widget>"))
        #expect(page.contains("<title>Probe &lt;b&gt;API&lt;/b&gt;</title>"))
        #expect(page.contains("Line &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(page.contains("Version 1 &amp; 2"))
        #expect(page.contains("<li>first <code>a&lt;b</code></li>"))
        #expect(page.contains("Replace &lt;widget&gt;"))
        #expect(page.contains("Replaced &amp; stored"))
    }

    @Test func showsFieldsThroughReferencesAndAllOf() {
        for field in ["colour", "id", "name", "size", "size.width"] {
            #expect(page.contains("<td><code>\(field)</code></td>"), "\(field)")
        }
        #expect(page.contains("<li><code>red</code> Warm red</li>"))
        #expect(page.contains("<li><code>blue</code> Sky</li>"))
        #expect(page.contains("<p>Pick one.</p>"))
        #expect(!page.contains("* `red`"))
        #expect(page.contains("maxLength <code>12</code>"))
        #expect(page.contains("minimum <code>2</code>"))
        #expect(page.contains("<span class=\"badge\">nullable</span>"))
        #expect(page.contains("<span class=\"badge\">read-only</span>"))
        #expect(page.contains("<a href=\"#schema-Widget\">Widget</a>"))
        #expect(page.contains("id=\"schema-Base\""))
    }

    @Test func listsParametersIncludingReferencedOnes() {
        #expect(page.contains("<td><code>widget_id</code></td><td>path</td><td>yes</td>"))
        #expect(page.contains("<td><code>X-Trace</code></td><td>header</td><td>no</td>"))
        #expect(page.contains("Examples: <code>t-1</code>"))
    }

    @Test func buildsCurlLinesFromSecurityAndSchemas() {
        let body = #"{"colour":"red","size":{"width":2}}"#
        let expected = [
            "curl -X PUT -u alice:alice-pass -H 'Content-Type: application/json' -d '\(body)' "
                + "\"$BASE_URL/widgets/{widget_id}/\"",
            "curl -X POST -H \"Authorization: Bearer $TOKEN\" \"$BASE_URL/admin/ping\"",
            "curl \"$BASE_URL/open\"",
        ]
        for line in expected {
            #expect(page.contains(HTMLText.escape(line)), "\(line)")
        }
    }

    @Test func describesWhoMayCall() {
        #expect(page.contains("<p>HTTP Basic (<code>basicAuth</code>).</p>"))
        #expect(page.contains("<p>A bearer token (<code>bearerAuth</code>).</p>"))
        #expect(page.contains("<p>None: anyone may call this.</p>"))
    }
}
