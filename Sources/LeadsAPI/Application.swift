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
        let authenticator = Authenticator(
            database: database,
            hasher: PasswordHasher(iterations: configuration.passwordIterations),
            sessionAge: configuration.sessionAge,
            isTrustedOrigin: { _ in false },
            logger: logger
        )
        let pipeline = APIPipeline(authenticator: authenticator, database: database, errors: errors)

        var router = Router()
        HealthRoutes.register(in: &router)
        LoginRoutes.register(in: &router, authenticator: authenticator)
        LeadRoutes.register(
            in: &router, operations: LeadOperations(database: database), pipeline: pipeline
        )
        let dispatcher = Dispatcher(router: router)
        let responder = MiddlewareChain(
            middleware: [DjangoHeadersMiddleware()],
            errorResponder: { error, request in errors.response(for: error, request: request) },
            handler: { request in try dispatcher.dispatch(request) }
        )

        server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.host,
                port: configuration.port,
                maxBodySize: configuration.maxBodySize,
                idleTimeout: configuration.idleTimeout,
                headerTimeout: configuration.headerTimeout,
                shutdownGracePeriod: configuration.shutdownGracePeriod
            ),
            responder: responder,
            logger: logger.labelled("http")
        )
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
