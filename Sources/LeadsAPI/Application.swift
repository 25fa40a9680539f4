import Credentials
import HTTPServer
public import Log
import Storage

/// The whole server built from one configuration: database, schema, fixtures, routes and
/// the HTTP listener. The executable and the tests build it the same way, so what is
/// tested is what ships.
public final class Application: Sendable {
    /// The settings this instance was built from.
    public let configuration: ServerConfiguration
    private let database: Database
    private let server: HTTPServer
    private let logger: Logger
    /// The admin API's bearer token, or nil when the admin API is off.
    public let adminToken: String?

    /// Opens the database, applies pending migrations, loads the configured fixtures and
    /// prepares the routes. Nothing listens until `start()`.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        database = try Self.openMigratedDatabase(configuration, logger: logger)

        if let fixturesPath = configuration.fixturesPath {
            do {
                let summary = try FixturesLoader(
                    database: database,
                    hasher: PasswordHasher(iterations: configuration.passwordIterations)
                ).load(path: fixturesPath)
                logger.info("Fixtures loaded", metadata: summary.metadata(path: fixturesPath))
            } catch {
                database.close()
                throw error
            }
        }

        let errors = ErrorRenderer(logger: logger)
        let hasher = PasswordHasher(iterations: configuration.passwordIterations)
        let cors = CORSPolicy(origins: configuration.corsOrigins)
        let authenticator = Authenticator(
            database: database,
            hasher: hasher,
            sessionAge: configuration.sessionAge,
            isTrustedOrigin: { origin in cors.allows(origin) },
            logger: logger
        )
        let pipeline = APIPipeline(authenticator: authenticator, database: database, errors: errors)
        let metrics = Metrics()
        let journal = RequestJournal(capacity: configuration.journalSize)
        let behaviour = Behaviour()
        let connections = ConnectionCounter()

        var router = Router()
        HealthRoutes.register(in: &router)
        DocumentationRoutes.register(in: &router)
        LoginRoutes.register(in: &router, authenticator: authenticator)
        let operations = LeadOperations(database: database)
        LeadRoutes.register(in: &router, operations: operations, pipeline: pipeline)
        MetricsRoutes(metrics: metrics, database: database, connections: connections)
            .register(in: &router)
        adminToken = try Self.registerAdmin(
            in: &router,
            configuration: configuration,
            database: database,
            hasher: hasher,
            journal: journal,
            behaviour: behaviour,
            logger: logger
        )

        let dispatcher = Dispatcher(router: router)
        let blocking = BlockingRequests(authenticator: authenticator)
        let responder = MiddlewareChain(
            middleware: [
                ObservationMiddleware(
                    metrics: metrics,
                    journal: journal,
                    labeler: RouteLabeler(patterns: Self.routePatterns)
                ),
                DjangoHeadersMiddleware(),
                CORSMiddleware(policy: cors),
                SimulationMiddleware(
                    behaviour: behaviour,
                    preferHeaderEnabled: configuration.preferHeaderEnabled,
                    errors: errors,
                    endpoints: EndpointMethods(endpoints: LeadRoutes.endpoints(operations))
                ),
                ErrorRenderingMiddleware(errors: errors),
            ],
            errorResponder: { error, request in errors.response(for: error, request: request) },
            mayBlock: { request in blocking.mayBlock(request) },
            handler: { request in try dispatcher.dispatch(request) }
        )

        var httpConfiguration = HTTPServerConfiguration(
            host: configuration.host,
            port: configuration.port,
            maxBodySize: configuration.maxBodySize,
            idleTimeout: configuration.idleTimeout,
            headerTimeout: configuration.headerTimeout,
            shutdownGracePeriod: configuration.shutdownGracePeriod
        )
        if adminToken != nil {
            httpConfiguration.bodySizeLimits[AdminRoutes.fixturesPath] = max(
                AdminRoutes.fixturesBodySizeLimit,
                configuration.maxBodySize
            )
        }
        let labeler = RouteLabeler(patterns: Self.routePatterns)
        server = HTTPServer(
            configuration: httpConfiguration,
            responder: responder,
            logger: logger.labelled("http"),
            rejectionObserver: { rejected in
                // Answers the server gives before a request is whole (400, 408, 413, 431,
                // 505) count in the metrics like any other answer.
                let (whole, fraction) = rejected.duration.components
                metrics.observe(
                    method: rejected.method?.rawValue ?? "OTHER",
                    route: rejected.path.map(labeler.label(for:)) ?? "unmatched",
                    status: rejected.status.code,
                    seconds: Double(whole) + Double(fraction) / 1e18
                )
            }
        )
        // Weakly: the server's routes hold the counter, so a strong capture would be a
        // cycle that keeps every stopped application alive.
        connections.connect { [weak server] in server?.openConnectionCount ?? 0 }
    }

    /// Every route pattern, for the metrics' route label.
    private static var routePatterns: [String] {
        LeadRoutes.patterns + [
            "/healthz", "/metrics", "/api/schema/", "/api/docs/", "/api-auth/login/",
            "/api-auth/logout/", "/__admin/reset", "/__admin/snapshots",
            "/__admin/snapshots/{name}", "/__admin/snapshots/{name}/restore",
            "/__admin/fixtures", "/__admin/requests", "/__admin/behaviour",
        ]
    }

    /// Registers the admin API when enabled, after saving the baseline it resets to, and
    /// returns its token (generated and logged when none was configured).
    private static func registerAdmin(
        in router: inout Router,
        configuration: ServerConfiguration,
        database: Database,
        hasher: PasswordHasher,
        journal: RequestJournal,
        behaviour: Behaviour,
        logger: Logger
    ) throws -> String? {
        guard configuration.adminAPIEnabled else { return nil }

        let snapshots = try SnapshotStore(
            database: database,
            databasePath: configuration.databasePath
        )
        try snapshots.saveBaseline()
        let token: String
        if let configured = configuration.adminToken {
            token = configured
        } else {
            token = RandomToken.hex(byteCount: 16)
            // At warning, so the token shows even when only warnings are logged: without
            // it the admin API cannot be called at all.
            logger.warning(
                "Admin API token generated; set --admin-token to choose one",
                metadata: ["admin.token": token]
            )
        }
        AdminRoutes(
            token: token,
            snapshots: snapshots,
            journal: journal,
            behaviour: behaviour,
            fixtures: FixturesLoader(database: database, hasher: hasher),
            logger: logger
        ).register(in: &router)
        return token
    }

    /// Starts listening and returns the bound port (useful when the configured port is 0).
    public func start() throws -> Int {
        let port = try server.start()
        logger.info(
            "Listening",
            metadata: [
                "http.address": "\(configuration.host):\(port)",
                "db.path": configuration.databasePath,
                "version": Version.current,
            ]
        )
        return port
    }

    /// Stops accepting, lets in-flight requests finish within the grace period, then
    /// checkpoints and closes the database.
    public func shutdown() {
        logger.info("Shutting down")
        server.shutdown()
        database.close()
        logger.info("Stopped")
    }

    /// Applies pending migrations to the configured database and closes it again.
    public static func migrate(configuration: ServerConfiguration, logger: Logger) throws {
        let database = try openMigratedDatabase(configuration, logger: logger)
        database.close()
    }

    /// Loads a fixtures document into the configured database and closes it again.
    public static func loadFixtures(
        path: String,
        configuration: ServerConfiguration,
        logger: Logger
    ) throws {
        let database = try openMigratedDatabase(configuration, logger: logger)
        defer { database.close() }

        let summary = try FixturesLoader(
            database: database,
            hasher: PasswordHasher(iterations: configuration.passwordIterations)
        ).load(path: path)
        logger.info("Fixtures loaded", metadata: summary.metadata(path: path))
    }

    private static func openMigratedDatabase(
        _ configuration: ServerConfiguration,
        logger: Logger
    ) throws -> Database {
        let database = try Database(
            configuration: DatabaseConfiguration(path: configuration.databasePath),
            logger: logger.labelled("storage")
        )
        do {
            let source = try MigrationSource.load(directory: configuration.migrationsDirectory)
            let applied = try Migrator(migrations: source.migrations).migrate(database)
            logger.info(
                "Database ready",
                metadata: [
                    "db.path": configuration.databasePath,
                    "db.migrations_applied": applied.isEmpty
                        ? "none" : applied.map(\.label).joined(separator: ","),
                    "db.migrations_source": source.origin,
                ]
            )
            return database
        } catch {
            database.close()
            throw error
        }
    }
}
