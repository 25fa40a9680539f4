import BodyParsing
import Credentials
import HTTPServer
import LeadsDomain
import Storage

/// The six Leads operations. Writes validate and store inside one write transaction, so
/// the checks of references and of `unique_id` uniqueness see exactly what is committed.
struct LeadOperations: Sendable {
    /// Which lead a cached representation is of.
    struct LeadKey: Hashable, Sendable {
        let organisationID: Int64
        let uniqueID: String
    }

    let database: Database
    /// The compact JSON of single leads as GET returns them, nil for none.
    private let representations: VersionedCache<LeadKey, [UInt8]?>

    init(database: Database) {
        self.database = database
        representations = VersionedCache(database: database)
    }

    /// DRF's message for a lead that does not exist in the organisation.
    static let notFoundDetail = "No Lead matches the given query."

    /// GET list: the organisation's leads, filtered, newest first.
    func list(_ context: APIContext) throws -> HTTPResponse {
        let filter = LeadFilter(queryItems: context.request.queryItems)
        let leads = try database.read { connection in
            try LeadRepository(connection: connection)
                .list(organisationID: context.organisationID, filter: filter)
        }
        return JSONResponse.make(.ok, .array(leads.map(LeadRenderer.json)))
    }

    /// GET one lead.
    func retrieve(_ context: APIContext) throws -> HTTPResponse {
        let uniqueID = context.request.pathParameters["unique_id"] ?? ""
        let key = LeadKey(organisationID: context.organisationID, uniqueID: uniqueID)
        let body = try representations.value(for: key) {
            let lead = try database.read { connection in
                try LeadRepository(connection: connection)
                    .find(organisationID: context.organisationID, uniqueID: uniqueID)
            }
            return lead.map { JSONWriter.serialize(LeadRenderer.json($0)) }
        }
        guard let body else { throw APIError.notFound(Self.notFoundDetail) }
        return JSONResponse.make(.ok, body: body)
    }

    /// POST create: 201 with the stored lead.
    func create(_ context: APIContext) throws -> HTTPResponse {
        let body = try BodyDecoder.decode(context.request)
        let lead = try database.write(touchingOnly: LeadRepository.tables) { connection in
            let repository = LeadRepository(connection: connection)
            let changes = try validate(
                body,
                mode: .create,
                repository: repository,
                organisationID: context.organisationID,
                excluding: nil
            )

            let fields = try LeadFieldMerger(
                repository: repository,
                organisationID: context.organisationID
            ).merge(changes, into: nil)
            let now = UTCDateTime.now().isoText
            let id = try repository.insert(
                organisationID: context.organisationID,
                fields: fields,
                createdBy: context.identity.personID,
                dateCreated: now
            )
            return try repository.find(leadID: id)
        }
        guard let lead else { throw APIError.notFound(Self.notFoundDetail) }
        return JSONResponse.make(.created, LeadRenderer.json(lead))
    }

    /// PUT (full) or PATCH (partial) update: 200 with the stored lead.
    func update(_ context: APIContext, partial: Bool) throws -> HTTPResponse {
        let uniqueID = context.request.pathParameters["unique_id"] ?? ""
        let lead = try database.write(touchingOnly: LeadRepository.tables) { connection in
            let repository = LeadRepository(connection: connection)
            guard
                let existing = try repository.find(
                    organisationID: context.organisationID,
                    uniqueID: uniqueID
                )
            else {
                throw APIError.notFound(Self.notFoundDetail)
            }

            // The body is read after the lead is found, as DRF's update view does.
            let body = try BodyDecoder.decode(context.request)
            let changes = try validate(
                body,
                mode: partial ? .partialUpdate : .fullUpdate,
                repository: repository,
                organisationID: context.organisationID,
                excluding: existing.id
            )

            let fields = try LeadFieldMerger(
                repository: repository,
                organisationID: context.organisationID
            ).merge(changes, into: existing)
            try repository.update(
                leadID: existing.id,
                fields: fields,
                lastUpdated: UTCDateTime.now().isoText
            )
            return try repository.find(
                organisationID: context.organisationID,
                uniqueID: fields.uniqueID
            )
        }
        guard let lead else { throw APIError.notFound(Self.notFoundDetail) }
        return JSONResponse.make(.ok, LeadRenderer.json(lead))
    }

    /// DELETE: 204 without a body.
    func delete(_ context: APIContext) throws -> HTTPResponse {
        let uniqueID = context.request.pathParameters["unique_id"] ?? ""
        let deleted = try database.write(touchingOnly: LeadRepository.tables) { connection in
            try LeadRepository(connection: connection)
                .delete(organisationID: context.organisationID, uniqueID: uniqueID)
        }
        guard deleted else { throw APIError.notFound(Self.notFoundDetail) }
        return JSONResponse.noContent()
    }

    /// Runs the serializer's validation with lookups answered by the open transaction.
    private func validate(
        _ body: SubmittedBody,
        mode: WriteMode,
        repository: LeadRepository,
        organisationID: Int64,
        excluding leadID: Int64?
    ) throws -> LeadChanges {
        let lookups = TransactionLookups(
            repository: repository,
            organisationID: organisationID,
            excludedLeadID: leadID
        )
        let result = LeadValidator.validate(body, mode: mode, lookup: lookups.referenceLookup)
        if let failure = lookups.failure { throw failure }

        switch result {
        case .success(let changes): return changes
        case .failure(let errors): throw APIError.validation(errors)
        }
    }
}

/// Answers the validator's reference questions from the transaction in progress.
///
/// `ReferenceLookup` asks for `@Sendable` closures, but the validator calls them
/// synchronously on the thread running the write closure and keeps none of them
/// afterwards; the connection is therefore never used from two threads at once.
private final class TransactionLookups: @unchecked Sendable {
    private let repository: LeadRepository
    private let organisationID: Int64
    private let excludedLeadID: Int64?
    /// The first storage error a lookup met, rethrown after validation.
    private(set) var failure: (any Error)?

    init(repository: LeadRepository, organisationID: Int64, excludedLeadID: Int64?) {
        self.repository = repository
        self.organisationID = organisationID
        self.excludedLeadID = excludedLeadID
    }

    var referenceLookup: ReferenceLookup {
        ReferenceLookup(
            salesStageExists: { [self] uniqueID in
                answer {
                    try repository.salesStageID(organisationID: organisationID, uniqueID: uniqueID)
                        != nil
                }
            },
            clientExists: { [self] uniqueID in
                answer {
                    try repository.clientID(organisationID: organisationID, uniqueID: uniqueID)
                        != nil
                }
            },
            uniqueIDTaken: { [self] uniqueID in
                answer {
                    try repository.uniqueIDTaken(
                        organisationID: organisationID,
                        uniqueID: uniqueID,
                        excluding: excludedLeadID
                    )
                }
            }
        )
    }

    private func answer(_ question: () throws -> Bool) -> Bool {
        do {
            return try question()
        } catch {
            if failure == nil { failure = error }
            return false
        }
    }
}

/// Applies validated changes to a stored lead (or to the defaults of a new one) and
/// resolves stage and client `unique_id`s to rows of the same organisation.
struct LeadFieldMerger {
    let repository: LeadRepository
    let organisationID: Int64

    /// The complete stored fields after `changes`; omitted fields keep their value.
    func merge(_ changes: LeadChanges, into existing: LeadRecord?) throws -> StoredLeadFields {
        var stage = existing?.salesStage
        var client = existing?.client
        if case .set(let value) = changes.salesStage { stage = value }
        if case .set(let value) = changes.client { client = value }

        var fields = StoredLeadFields(
            uniqueID: existing?.uniqueID ?? "",
            title: existing?.title ?? "",
            description: existing?.description,
            qualificationNotes: existing?.qualificationNotes,
            priority: existing?.priority ?? Priority.medium.rawValue,
            leadSource: existing?.leadSource ?? LeadSource.other.rawValue,
            estimatedValue: existing?.estimatedValue,
            winProbability: existing?.winProbability,
            salesStageID: try stage.flatMap {
                try repository.salesStageID(organisationID: organisationID, uniqueID: $0)
            },
            clientID: try client.flatMap {
                try repository.clientID(organisationID: organisationID, uniqueID: $0)
            },
            expectedCloseDate: existing?.expectedCloseDate,
            followUpDate: existing?.followUpDate
        )

        if case .set(let value) = changes.uniqueID { fields.uniqueID = value ?? "" }
        if case .set(let value) = changes.title { fields.title = value }
        if case .set(let value) = changes.description { fields.description = value }
        if case .set(let value) = changes.qualificationNotes { fields.qualificationNotes = value }
        if case .set(let value) = changes.priority { fields.priority = value.rawValue }
        if case .set(let value) = changes.leadSource { fields.leadSource = value.rawValue }
        if case .set(let value) = changes.estimatedValue {
            fields.estimatedValue = value?.formatted(places: 2)
        }
        if case .set(let value) = changes.winProbability {
            fields.winProbability = value?.formatted(places: 2)
        }
        if case .set(let value) = changes.expectedCloseDate {
            fields.expectedCloseDate = value?.isoText
        }
        if case .set(let value) = changes.followUpDate { fields.followUpDate = value?.isoText }

        // A lead always has an id to be addressed by: like the backend model's save(), an
        // empty one is replaced with a fresh random id.
        if fields.uniqueID.isEmpty {
            fields.uniqueID = RandomToken.hex(byteCount: 16)
        }

        let weighted = WeightedValue.compute(
            estimatedValue: fields.estimatedValue.flatMap(DecimalNumber.parse),
            winProbability: fields.winProbability.flatMap(DecimalNumber.parse)
        )
        if case .failure(let errors) = weighted {
            throw APIError.validation(errors)
        }
        return fields
    }
}
