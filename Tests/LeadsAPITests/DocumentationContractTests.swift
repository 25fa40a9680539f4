import BodyParsing
import HTTPServer
import Testing

@testable import LeadsAPI

/// The served OpenAPI document keeps the contract's operations and schemas exactly and
/// describes every status and path the server answers.
@Suite struct DocumentationContractTests {
    /// The contract's operations: path, method and the statuses the server answers.
    static let operations: [(path: String, method: String, statuses: [String])] = [
        (leadsPattern(""), "get", ["200", "401", "403", "406", "500", "503"]),
        (
            leadsPattern("create/"), "post",
            ["201", "400", "401", "403", "406", "415", "500", "503"]
        ),
        (leadsPattern("{unique_id}/"), "get", ["200", "401", "403", "404", "406", "500", "503"]),
        (
            leadsPattern("{unique_id}/update/"), "put",
            ["200", "400", "401", "403", "404", "406", "415", "500", "503"]
        ),
        (
            leadsPattern("{unique_id}/update/"), "patch",
            ["200", "400", "401", "403", "404", "406", "415", "500", "503"]
        ),
        (
            leadsPattern("{unique_id}/delete/"), "delete",
            ["204", "401", "403", "404", "406", "500", "503"]
        ),
    ]

    /// Paths outside the contract that the server answers and the document must list.
    static let serverPaths = [
        "/healthz", "/api/schema/", "/api/docs/", "/api-auth/login/", "/api-auth/logout/",
        "/__admin/reset", "/__admin/snapshots", "/__admin/snapshots/{name}/restore",
        "/__admin/snapshots/{name}", "/__admin/fixtures", "/__admin/requests",
        "/__admin/behaviour", "/metrics",
    ]

    private let served: JSONValue
    private let contract: JSONValue

    init() throws {
        served = try JSONParser.parse(OpenAPIDocument.bytes)
        contract = try JSONParser.parse(Array(ContractCopy.json.utf8))
    }

    @Test func keepsTheContractSchemasExactly() throws {
        for name in ["Lead", "LeadRequest", "PatchedLeadRequest", "ClientPersonMini"] {
            let expected = try #require(documentValue(contract, "components", "schemas", name))
            #expect(documentValue(served, "components", "schemas", name) == expected, "\(name)")
        }
    }

    @Test func keepsTheContractOperationsExactly() throws {
        for (path, method, _) in Self.operations {
            let expected = try #require(documentValue(contract, "paths", path, method))
            let actual = try #require(documentValue(served, "paths", path, method))
            for key in ["operationId", "summary", "description", "tags", "requestBody"] {
                #expect(documentValue(actual, key) == documentValue(expected, key), "\(key)")
            }

            let preferReference = JSONValue.object(
                JSONObject([("$ref", .string("#/components/parameters/Prefer"))])
            )
            guard case .array(let contractParameters) = documentValue(expected, "parameters")
            else {
                Issue.record("contract operation \(method) \(path) has no parameters")
                continue
            }
            #expect(
                documentValue(actual, "parameters")
                    == .array(contractParameters + [preferReference])
            )

            let responses = try #require(documentValue(expected, "responses"))
            for status in documentKeys(responses) {
                let contractResponse = documentValue(responses, status)
                let servedResponse = documentValue(actual, "responses", status)
                #expect(
                    documentValue(servedResponse, "description")
                        == documentValue(contractResponse, "description"),
                    "\(method) \(path) \(status)"
                )
                if let content = documentValue(contractResponse, "content") {
                    #expect(documentValue(servedResponse, "content") == content)
                }
            }
        }
    }

    @Test func documentsEveryStatusTheOperationsAnswer() throws {
        for (path, method, statuses) in Self.operations {
            let responses = try #require(documentValue(served, "paths", path, method, "responses"))
            #expect(documentKeys(responses) == statuses, "\(method) \(path)")

            for status in statuses where Int(status)! >= 400 && status != "500" {
                let schema = errorSchemaName(documentValue(responses, status))
                let expected = status == "400" ? "BadRequest" : "ErrorDetail"
                #expect(schema == expected, "\(method) \(path) \(status)")
            }
        }
    }

    @Test func describesTheErrorBodies() throws {
        let schemas = try #require(documentValue(served, "components", "schemas"))
        #expect(
            documentValue(schemas, "ErrorDetail", "required") == .array([.string("detail")])
        )
        #expect(
            documentValue(schemas, "ErrorDetail", "properties", "detail", "type")
                == .string("string")
        )
        #expect(
            documentValue(schemas, "ValidationError", "additionalProperties", "items", "type")
                == .string("string")
        )
        #expect(documentValue(schemas, "BadRequest", "oneOf") != nil)
    }

    @Test func describesServerErrorsAsDjangosPage() throws {
        let content = try #require(
            documentValue(served, "components", "responses", "ServerError", "content")
        )
        #expect(documentKeys(content) == ["text/html"])
        let example = try #require(documentValue(content, "text/html", "example"))
        #expect(example == .string(String(decoding: DjangoPage.serverError().body, as: UTF8.self)))
    }

    @Test func describesTheLoginAnswersAndItsCSRFCheck() throws {
        let login = try #require(documentValue(served, "paths", "/api-auth/login/", "post"))
        let text = try #require(documentValue(login, "description")?.stringValue)
        #expect(text.contains("`X-CSRFToken` header"))
        #expect(!text.contains("needs no CSRF token"))

        let responses = try #require(documentValue(login, "responses"))
        #expect(documentKeys(responses) == ["302", "200", "400", "403"])
        #expect(
            documentValue(responses, "200", "content", "application/json", "example")
                == .object(JSONObject([("detail", .string("Logged in."))]))
        )
        #expect(
            documentValue(responses, "403", "content", "application/json", "example")
                == .object(JSONObject([("detail", .string("CSRF Failed: CSRF cookie not set."))]))
        )
        #expect(documentValue(responses, "400", "content", "application/json") != nil)
    }

    @Test func describesTheAdminAnswersAndMerges() throws {
        let paths = try #require(documentValue(served, "paths"))
        #expect(documentValue(paths, "/__admin/requests", "get", "responses", "400") != nil)

        let update = try #require(documentValue(paths, "/__admin/behaviour", "put"))
        #expect(
            documentValue(update, "requestBody", "content", "application/json", "schema", "$ref")
                == .string("#/components/schemas/BehaviourUpdate")
        )
        let schema = try #require(
            documentValue(served, "components", "schemas", "BehaviourUpdate")
        )
        #expect(documentValue(schema, "required") == nil)
        #expect(documentValue(schema, "additionalProperties") == .bool(false))
    }

    @Test func listsEveryPathTheServerAnswers() throws {
        let paths = try #require(documentValue(served, "paths"))
        for path in Self.serverPaths + Self.operations.map(\.path) {
            #expect(documentValue(paths, path) != nil, "\(path)")
        }
    }

    @Test func describesThisServer() {
        let server = JSONValue.object(
            JSONObject([("url", .string("/")), ("description", .string("This server"))])
        )
        #expect(documentValue(served, "openapi") == .string("3.0.3"))
        #expect(documentValue(served, "servers") == .array([server]))
        #expect(
            documentValue(served, "info", "title") == .string("leads-server (Skhokho Leads API)")
        )
        #expect(documentValue(served, "info", "version") == .string("v1.0"))
        #expect(documentValue(served, "security") == documentValue(contract, "security"))
    }

    @Test func marksPublicAndAdminOperations() throws {
        let paths = try #require(documentValue(served, "paths"))
        let publicOperations = [
            ("/healthz", "get"), ("/api/schema/", "get"), ("/api/docs/", "get"),
            ("/api-auth/login/", "get"), ("/api-auth/login/", "post"),
            ("/api-auth/logout/", "post"), ("/metrics", "get"),
        ]
        for (path, method) in publicOperations {
            #expect(documentValue(paths, path, method, "security") == .array([]), "\(path)")
        }

        let bearer = JSONValue.array([.object(JSONObject([("bearerAuth", .array([]))]))])
        for path in documentKeys(paths) where path.hasPrefix("/__admin/") {
            let item = try #require(documentValue(paths, path))
            for method in documentKeys(item) {
                #expect(documentValue(item, method, "security") == bearer, "\(method) \(path)")
                #expect(
                    errorSchemaName(documentValue(item, method, "responses", "401"))
                        == "ErrorDetail"
                )
            }
        }
        #expect(
            documentValue(served, "components", "securitySchemes", "bearerAuth", "scheme")
                == .string("bearer")
        )
    }

    @Test func describesThePreferHeader() throws {
        let prefer = try #require(documentValue(served, "components", "parameters", "Prefer"))
        #expect(documentValue(prefer, "in") == .string("header"))
        #expect(documentValue(prefer, "name") == .string("Prefer"))
        #expect(documentValue(prefer, "required") == .bool(false))
        let examples = try #require(documentValue(prefer, "examples"))
        let values = documentKeys(examples).map { documentValue(examples, $0, "value") }
        #expect(values.contains(.string("code=503")))
        #expect(values.contains(.string("delay=800")))
    }

    /// The schema a JSON error response refers to, following a response reference.
    private func errorSchemaName(_ response: JSONValue?) -> String? {
        var response = response
        if case .string(let reference)? = documentValue(response, "$ref") {
            let name = String(reference.split(separator: "/").last ?? "")
            response = documentValue(served, "components", "responses", name)
        }
        guard
            case .string(let reference)? = documentValue(
                response,
                "content",
                "application/json",
                "schema",
                "$ref"
            )
        else { return nil }
        return String(reference.split(separator: "/").last ?? "")
    }
}

/// The URL pattern of a Leads operation, as the contract writes it.
private func leadsPattern(_ suffix: String) -> String {
    "/api/v1.0/organisation/{org_uid}/leads/" + suffix
}

/// The value at a path of object keys, or nil when a key is missing.
func documentValue(_ value: JSONValue?, _ keys: String...) -> JSONValue? {
    var current = value
    for key in keys {
        guard case .object(let object)? = current else { return nil }
        current = object[key]
    }
    return current
}

/// The keys of an object in document order; empty for anything else.
func documentKeys(_ value: JSONValue?) -> [String] {
    guard case .object(let object)? = value else { return [] }
    return object.keys
}

/// A copy of the contract the Leads operations must keep exactly, kept in the test target
/// so the tests read nothing outside the repository. Long lines are split with raw-string
/// line continuations, which join them back without adding anything.
enum ContractCopy {
    /// The contract document's JSON text.
    static let json = #"""
        {
          "openapi": "3.0.3",
          "info": {
            "title": "Skhokho API",
            "version": "v1.0"
          },
          "tags": [
            {
              "name": "Leads",
              "description": "Sales lead tracking and management"
            }
          ],
          "servers": [
            {
              "url": "https://skhokho.ai",
              "description": "Production"
            },
            {
              "url": "http://102.209.118.152:8000/",
              "description": "Local"
            },
            {
              "url": "https://dev.skhokho.ai",
              "description": "Development"
            }
          ],
          "security": [
            {
              "cookieAuth": []
            },
            {
              "basicAuth": []
            }
          ],
          "components": {
            "securitySchemes": {
              "cookieAuth": {
                "type": "apiKey",
                "in": "cookie",
                "name": "sessionid"
              },
              "basicAuth": {
                "type": "http",
                "scheme": "basic"
              }
            },
            "schemas": {
              "Lead": {
                "type": "object",
                "description": "Comprehensive serializer for Lead model.\nHandles multilingual \#
        fields, sales stage relationships, and computed metrics like weighted value.",
                "properties": {
                  "unique_id": {
                    "type": "string",
                    "nullable": true,
                    "maxLength": 100
                  },
                  "title": {
                    "type": "string"
                  },
                  "description": {
                    "type": "string",
                    "nullable": true
                  },
                  "qualification_notes": {
                    "type": "string",
                    "nullable": true
                  },
                  "priority": {
                    "enum": [
                      "low",
                      "medium",
                      "high",
                      "critical"
                    ],
                    "type": "string",
                    "description": "* `low` - Low\n* `medium` - Medium\n* `high` - High\n* \#
        `critical` - Critical"
                  },
                  "lead_source": {
                    "enum": [
                      "website",
                      "social_media",
                      "email_marketing",
                      "referral",
                      "cold_calling",
                      "trade_show",
                      "advertising",
                      "content_marketing",
                      "seo",
                      "ppc",
                      "partner",
                      "other"
                    ],
                    "type": "string",
                    "description": "Select one of the predefined lead sources.\n\n* `website` - \#
        Website\n* `social_media` - Social Media\n* `email_marketing` - Email Marketing\n* \#
        `referral` - Referral\n* `cold_calling` - Cold Calling\n* `trade_show` - Trade Show\n* \#
        `advertising` - Advertising\n* `content_marketing` - Content Marketing\n* `seo` - \#
        SEO\n* `ppc` - Pay-per-Click\n* `partner` - Partner\n* `other` - Other"
                  },
                  "estimated_value": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,16}(?:\\.\\d{0,2})?$",
                    "nullable": true
                  },
                  "win_probability": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,3}(?:\\.\\d{0,2})?$",
                    "nullable": true
                  },
                  "weighted_value": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,16}(?:\\.\\d{0,2})?$",
                    "nullable": true,
                    "readOnly": true
                  },
                  "sales_stage": {
                    "type": "string",
                    "nullable": true,
                    "description": "Unique ID of an existing sales stage."
                  },
                  "client": {
                    "type": "string",
                    "nullable": true,
                    "description": "Unique ID of an existing client."
                  },
                  "expected_close_date": {
                    "type": "string",
                    "format": "date",
                    "nullable": true
                  },
                  "follow_up_date": {
                    "type": "string",
                    "format": "date-time",
                    "nullable": true,
                    "title": "Next Follow Up Date"
                  },
                  "created_by": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/ClientPersonMini"
                      }
                    ],
                    "readOnly": true
                  },
                  "assigned_to": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/ClientPersonMini"
                      }
                    ],
                    "readOnly": true
                  },
                  "is_closed": {
                    "type": "boolean",
                    "readOnly": true
                  },
                  "date_created": {
                    "type": "string",
                    "format": "date-time",
                    "readOnly": true
                  },
                  "last_updated": {
                    "type": "string",
                    "format": "date-time",
                    "readOnly": true
                  }
                },
                "required": [
                  "assigned_to",
                  "created_by",
                  "date_created",
                  "is_closed",
                  "last_updated",
                  "lead_source",
                  "sales_stage",
                  "title",
                  "weighted_value"
                ]
              },
              "ClientPersonMini": {
                "type": "object",
                "description": "Lightweight serializer for Person model.\nUsed for nested \#
        person references in other serializers.",
                "properties": {
                  "unique_id": {
                    "type": "string",
                    "nullable": true,
                    "maxLength": 100
                  },
                  "full_name": {
                    "type": "string",
                    "readOnly": true
                  }
                },
                "required": [
                  "full_name"
                ]
              },
              "LeadRequest": {
                "type": "object",
                "description": "Comprehensive serializer for Lead model.\nHandles multilingual \#
        fields, sales stage relationships, and computed metrics like weighted value.",
                "properties": {
                  "unique_id": {
                    "type": "string",
                    "nullable": true,
                    "maxLength": 100
                  },
                  "title": {
                    "type": "string",
                    "minLength": 1
                  },
                  "description": {
                    "type": "string",
                    "nullable": true
                  },
                  "qualification_notes": {
                    "type": "string",
                    "nullable": true
                  },
                  "priority": {
                    "enum": [
                      "low",
                      "medium",
                      "high",
                      "critical"
                    ],
                    "type": "string",
                    "description": "* `low` - Low\n* `medium` - Medium\n* `high` - High\n* \#
        `critical` - Critical"
                  },
                  "lead_source": {
                    "enum": [
                      "website",
                      "social_media",
                      "email_marketing",
                      "referral",
                      "cold_calling",
                      "trade_show",
                      "advertising",
                      "content_marketing",
                      "seo",
                      "ppc",
                      "partner",
                      "other"
                    ],
                    "type": "string",
                    "description": "Select one of the predefined lead sources.\n\n* `website` - \#
        Website\n* `social_media` - Social Media\n* `email_marketing` - Email Marketing\n* \#
        `referral` - Referral\n* `cold_calling` - Cold Calling\n* `trade_show` - Trade Show\n* \#
        `advertising` - Advertising\n* `content_marketing` - Content Marketing\n* `seo` - \#
        SEO\n* `ppc` - Pay-per-Click\n* `partner` - Partner\n* `other` - Other"
                  },
                  "estimated_value": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,16}(?:\\.\\d{0,2})?$",
                    "nullable": true
                  },
                  "win_probability": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,3}(?:\\.\\d{0,2})?$",
                    "nullable": true
                  },
                  "sales_stage": {
                    "type": "string",
                    "nullable": true,
                    "description": "Unique ID of an existing sales stage."
                  },
                  "client": {
                    "type": "string",
                    "nullable": true,
                    "description": "Unique ID of an existing client."
                  },
                  "expected_close_date": {
                    "type": "string",
                    "format": "date",
                    "nullable": true
                  },
                  "follow_up_date": {
                    "type": "string",
                    "format": "date-time",
                    "nullable": true,
                    "title": "Next Follow Up Date"
                  }
                },
                "required": [
                  "lead_source",
                  "sales_stage",
                  "title"
                ]
              },
              "PatchedLeadRequest": {
                "type": "object",
                "description": "Comprehensive serializer for Lead model.\nHandles multilingual \#
        fields, sales stage relationships, and computed metrics like weighted value.",
                "properties": {
                  "unique_id": {
                    "type": "string",
                    "nullable": true,
                    "maxLength": 100
                  },
                  "title": {
                    "type": "string",
                    "minLength": 1
                  },
                  "description": {
                    "type": "string",
                    "nullable": true
                  },
                  "qualification_notes": {
                    "type": "string",
                    "nullable": true
                  },
                  "priority": {
                    "enum": [
                      "low",
                      "medium",
                      "high",
                      "critical"
                    ],
                    "type": "string",
                    "description": "* `low` - Low\n* `medium` - Medium\n* `high` - High\n* \#
        `critical` - Critical"
                  },
                  "lead_source": {
                    "enum": [
                      "website",
                      "social_media",
                      "email_marketing",
                      "referral",
                      "cold_calling",
                      "trade_show",
                      "advertising",
                      "content_marketing",
                      "seo",
                      "ppc",
                      "partner",
                      "other"
                    ],
                    "type": "string",
                    "description": "Select one of the predefined lead sources.\n\n* `website` - \#
        Website\n* `social_media` - Social Media\n* `email_marketing` - Email Marketing\n* \#
        `referral` - Referral\n* `cold_calling` - Cold Calling\n* `trade_show` - Trade Show\n* \#
        `advertising` - Advertising\n* `content_marketing` - Content Marketing\n* `seo` - \#
        SEO\n* `ppc` - Pay-per-Click\n* `partner` - Partner\n* `other` - Other"
                  },
                  "estimated_value": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,16}(?:\\.\\d{0,2})?$",
                    "nullable": true
                  },
                  "win_probability": {
                    "type": "string",
                    "format": "decimal",
                    "pattern": "^-?\\d{0,3}(?:\\.\\d{0,2})?$",
                    "nullable": true
                  },
                  "sales_stage": {
                    "type": "string",
                    "nullable": true,
                    "description": "Unique ID of an existing sales stage."
                  },
                  "client": {
                    "type": "string",
                    "nullable": true,
                    "description": "Unique ID of an existing client."
                  },
                  "expected_close_date": {
                    "type": "string",
                    "format": "date",
                    "nullable": true
                  },
                  "follow_up_date": {
                    "type": "string",
                    "format": "date-time",
                    "nullable": true,
                    "title": "Next Follow Up Date"
                  }
                }
              }
            }
          },
          "paths": {
            "/api/v1.0/organisation/{org_uid}/leads/": {
              "get": {
                "operationId": "organisation_leads_list",
                "description": "Get a paginated list of leads with optional filters",
                "summary": "List leads",
                "parameters": [
                  {
                    "in": "query",
                    "name": "name",
                    "schema": {
                      "type": "string"
                    },
                    "description": "Filter leads by name/title (case-insensitive partial match)"
                  },
                  {
                    "in": "path",
                    "name": "org_uid",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  },
                  {
                    "in": "query",
                    "name": "source",
                    "schema": {
                      "type": "string"
                    },
                    "description": "Filter by lead source"
                  },
                  {
                    "in": "query",
                    "name": "status",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "lost",
                        "open",
                        "won"
                      ]
                    },
                    "description": "Filter leads by status: won (probability=100), lost \#
        (probability=0), or open (not won/lost)"
                  }
                ],
                "tags": [
                  "Leads"
                ],
                "responses": {
                  "200": {
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Lead"
                          }
                        }
                      }
                    },
                    "description": ""
                  },
                  "401": {
                    "description": "Unauthorized"
                  },
                  "403": {
                    "description": "Forbidden"
                  }
                }
              }
            },
            "/api/v1.0/organisation/{org_uid}/leads/create/": {
              "post": {
                "operationId": "organisation_leads_create_create",
                "description": "Create a new lead. Lead title, sales stage, and lead source are \#
        required.",
                "summary": "Create lead",
                "parameters": [
                  {
                    "in": "path",
                    "name": "org_uid",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  }
                ],
                "tags": [
                  "Leads"
                ],
                "requestBody": {
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/LeadRequest"
                      }
                    },
                    "application/x-www-form-urlencoded": {
                      "schema": {
                        "$ref": "#/components/schemas/LeadRequest"
                      }
                    },
                    "multipart/form-data": {
                      "schema": {
                        "$ref": "#/components/schemas/LeadRequest"
                      }
                    }
                  },
                  "required": true
                },
                "responses": {
                  "201": {
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Lead"
                        }
                      }
                    },
                    "description": ""
                  },
                  "400": {
                    "description": "Bad Request - invalid or missing fields"
                  },
                  "401": {
                    "description": "Unauthorized"
                  },
                  "403": {
                    "description": "Forbidden"
                  }
                }
              }
            },
            "/api/v1.0/organisation/{org_uid}/leads/{unique_id}/": {
              "get": {
                "operationId": "organisation_leads_retrieve",
                "description": "Retrieve a specific lead",
                "summary": "Get lead",
                "parameters": [
                  {
                    "in": "path",
                    "name": "org_uid",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  },
                  {
                    "in": "path",
                    "name": "unique_id",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  }
                ],
                "tags": [
                  "Leads"
                ],
                "responses": {
                  "200": {
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Lead"
                        }
                      }
                    },
                    "description": ""
                  },
                  "401": {
                    "description": "Unauthorized"
                  },
                  "403": {
                    "description": "Forbidden"
                  },
                  "404": {
                    "description": "Not Found"
                  }
                }
              }
            },
            "/api/v1.0/organisation/{org_uid}/leads/{unique_id}/update/": {
              "put": {
                "operationId": "organisation_leads_update_update",
                "description": "Update a specific lead (full or partial update).",
                "summary": "Update lead",
                "parameters": [
                  {
                    "in": "path",
                    "name": "org_uid",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  },
                  {
                    "in": "path",
                    "name": "unique_id",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  }
                ],
                "tags": [
                  "Leads"
                ],
                "requestBody": {
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/LeadRequest"
                      }
                    },
                    "application/x-www-form-urlencoded": {
                      "schema": {
                        "$ref": "#/components/schemas/LeadRequest"
                      }
                    },
                    "multipart/form-data": {
                      "schema": {
                        "$ref": "#/components/schemas/LeadRequest"
                      }
                    }
                  },
                  "required": true
                },
                "responses": {
                  "200": {
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Lead"
                        }
                      }
                    },
                    "description": ""
                  },
                  "400": {
                    "description": "Bad Request"
                  },
                  "401": {
                    "description": "Unauthorized"
                  },
                  "403": {
                    "description": "Forbidden"
                  },
                  "404": {
                    "description": "Not Found"
                  }
                }
              },
              "patch": {
                "operationId": "organisation_leads_update_partial_update",
                "description": "Update a specific lead (full or partial update).",
                "summary": "Update lead",
                "parameters": [
                  {
                    "in": "path",
                    "name": "org_uid",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  },
                  {
                    "in": "path",
                    "name": "unique_id",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  }
                ],
                "tags": [
                  "Leads"
                ],
                "requestBody": {
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PatchedLeadRequest"
                      }
                    },
                    "application/x-www-form-urlencoded": {
                      "schema": {
                        "$ref": "#/components/schemas/PatchedLeadRequest"
                      }
                    },
                    "multipart/form-data": {
                      "schema": {
                        "$ref": "#/components/schemas/PatchedLeadRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Lead"
                        }
                      }
                    },
                    "description": ""
                  },
                  "400": {
                    "description": "Bad Request"
                  },
                  "401": {
                    "description": "Unauthorized"
                  },
                  "403": {
                    "description": "Forbidden"
                  },
                  "404": {
                    "description": "Not Found"
                  }
                }
              }
            },
            "/api/v1.0/organisation/{org_uid}/leads/{unique_id}/delete/": {
              "delete": {
                "operationId": "organisation_leads_delete_destroy",
                "description": "Delete a specific lead",
                "summary": "Delete lead",
                "parameters": [
                  {
                    "in": "path",
                    "name": "org_uid",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  },
                  {
                    "in": "path",
                    "name": "unique_id",
                    "schema": {
                      "type": "string"
                    },
                    "required": true
                  }
                ],
                "tags": [
                  "Leads"
                ],
                "responses": {
                  "204": {
                    "description": "No Content"
                  },
                  "401": {
                    "description": "Unauthorized"
                  },
                  "403": {
                    "description": "Forbidden"
                  },
                  "404": {
                    "description": "Not Found"
                  }
                }
              }
            }
          }
        }
        """#
}
