import HTTPServer

/// The contract's six operations on their five URLs, each URL a DRF view.
enum LeadRoutes {
    /// The common prefix of every Leads URL.
    static let prefix = "/api/v1.0/organisation/{org_uid}/leads"

    /// The URL patterns of the endpoints.
    static var patterns: [String] {
        [
            prefix + "/", prefix + "/create/", prefix + "/{unique_id}/",
            prefix + "/{unique_id}/update/", prefix + "/{unique_id}/delete/",
        ]
    }

    /// The endpoints by URL pattern, in the order Django's URL patterns are tried.
    static func endpoints(_ operations: LeadOperations) -> [(String, APIEndpoint)] {
        [
            (
                prefix + "/",
                APIEndpoint(
                    name: "Lead List",
                    description: "Get a paginated list of leads with optional filters",
                    handlers: [.get: operations.list]
                )
            ),
            (
                prefix + "/create/",
                APIEndpoint(
                    name: "Lead Create",
                    description: "Create a new lead. Lead title, sales stage, and lead source "
                        + "are required.",
                    handlers: [.post: operations.create]
                )
            ),
            (
                prefix + "/{unique_id}/",
                APIEndpoint(
                    name: "Lead Detail",
                    description: "Retrieve a specific lead",
                    handlers: [.get: operations.retrieve]
                )
            ),
            (
                prefix + "/{unique_id}/update/",
                APIEndpoint(
                    name: "Lead Update",
                    description: "Update a specific lead (full or partial update).",
                    handlers: [
                        .put: { try operations.update($0, partial: false) },
                        .patch: { try operations.update($0, partial: true) },
                    ]
                )
            ),
            (
                prefix + "/{unique_id}/delete/",
                APIEndpoint(
                    name: "Lead Delete",
                    description: "Delete a specific lead",
                    handlers: [.delete: operations.delete]
                )
            ),
        ]
    }

    /// Registers every endpoint under every standard method, and under `anyOtherMethod`
    /// for the rest, so that authentication runs before the method check, as in DRF.
    static func register(
        in router: inout Router,
        operations: LeadOperations,
        pipeline: APIPipeline
    ) {
        let methods: [HTTPMethod] = [
            .get, .head, .post, .put, .patch, .delete, .options, .anyOtherMethod,
        ]
        for (pattern, endpoint) in endpoints(operations) {
            for method in methods {
                router.add(method, pattern) { request in pipeline.serve(endpoint, request) }
            }
        }
    }
}
