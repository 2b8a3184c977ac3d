import Foundation
import Logging
import Platform
import Vapor

/// What `sesa` does: read the configuration (refusing a bad one with one line per problem), set up logging,
/// configure the app and run the requested command.
public enum SesaMain {
    public static func run() async -> Int32 {
        let loaded: (config: AppConfig, arguments: [String])
        do {
            let sources = try AppConfig.Sources.process()
            // `sesa check` must run on a configuration production would refuse, to say what is wrong with it.
            let isCheck = sources.arguments.dropFirst().first == "check"
            loaded = try AppConfig.load(from: sources, enforceProduction: !isCheck)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 1
        }
        bootstrapLogging(loaded.config)

        let environment = Environment(name: vaporName(loaded.config.mode), arguments: loaded.arguments)
        let app: Application
        do {
            app = try await Application.make(environment)
        } catch {
            FileHandle.standardError.write(Data("SESA could not start: \(error)\n".utf8))
            return 1
        }
        var status: Int32 = 0
        do {
            try await SesaApp.configure(app, config: loaded.config)
            try await app.execute()
        } catch let exit as CommandExit {
            status = exit.code
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            status = 1
        } catch {
            app.logger.critical("SESA stopped: \(String(reflecting: error))")
            status = 1
        }
        try? await app.asyncShutdown()
        return status
    }

    static func vaporName(_ mode: AppConfig.Mode) -> String {
        switch mode {
        case .development: return "development"
        case .production: return "production"
        case .testing: return "testing"
        }
    }

    private static func bootstrapLogging(_ config: AppConfig) {
        let level = config.logLevel
        switch config.logFormat {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        case .text:
            LoggingSystem.bootstrap(console: Terminal(), level: level)
        }
    }
}
