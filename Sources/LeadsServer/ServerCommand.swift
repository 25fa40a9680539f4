import Foundation
import LeadsAPI
import Log

/// Runs one invocation of `leads-server`: prints help or the version on stdout, or runs
/// a command with logs on stderr. Exit codes: 0 done, 1 failed, 2 unusable configuration
/// (a bad value, a path that cannot be used, or a fixtures document that does not load).
enum ServerCommand {
    /// Parses `arguments` and runs the command they name; never returns.
    static func run(arguments: [String]) -> Never {
        let loader = ConfigurationLoader(
            arguments: arguments,
            environment: ProcessInfo.processInfo.environment
        )
        let invocation: Invocation
        do {
            invocation = try loader.load()
            try ConfiguredPathCheck.verify(invocation)
        } catch {
            StandardError.writeLine("leads-server: \(error.message)")
            exit(2)
        }

        let configuration = invocation.configuration
        let logger = Logger(
            label: "leads-server",
            level: configuration.logLevel,
            handler: StandardErrorLogHandler(format: configuration.logFormat)
        )
        switch invocation.command {
        case .help(let command):
            print(HelpText.render(command: command), terminator: "")
            exit(0)
        case .version:
            print("leads-server \(Version.current)")
            exit(0)
        case .migrate:
            finish(logger) { try Application.migrate(configuration: configuration, logger: logger) }
        case .loadFixtures(let path):
            finish(logger) {
                try Application.loadFixtures(
                    path: path,
                    configuration: configuration,
                    logger: logger
                )
            }
        case .serve:
            serve(configuration, logger: logger)
        }
    }

    private static func finish(_ logger: Logger, _ work: () throws -> Void) -> Never {
        do {
            try work()
            exit(0)
        } catch {
            logger.critical("Command failed", metadata: ["error.message": "\(error)"])
            exit(exitStatus(for: error))
        }
    }

    /// 2 when the operator's fixtures document is at fault, as for any bad setting;
    /// 1 for everything else, which the configuration could not have prevented.
    private static func exitStatus(for error: any Error) -> Int32 {
        error is FixturesError ? 2 : 1
    }

    private static func serve(_ configuration: ServerConfiguration, logger: Logger) -> Never {
        FileDescriptorLimit.raiseToMaximum(logger: logger)
        let waiter = ShutdownSignalWaiter()

        let application: Application
        do {
            application = try Application(configuration: configuration, logger: logger)
            _ = try application.start()
        } catch {
            logger.critical("Start-up failed", metadata: ["error.message": "\(error)"])
            exit(exitStatus(for: error))
        }

        let signal = waiter.wait()
        logger.info("Signal received", metadata: ["signal": signal])
        application.shutdown()
        exit(0)
    }
}

/// Writes whole lines to standard error for messages that come before a logger exists.
enum StandardError {
    /// Writes `text` and a newline.
    static func writeLine(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
