import Fluent
import Foundation
import Artifacts
import Governance
import Requirements
import SystemDesign
import Interfaces
import Verification
import Platform
import Vapor

/// The composition root: which modules make up SESA, in which order their migrations run, and the commands.
public enum SesaApp {
    /// Every module's migrations, joined in module-chain order. Append only.
    public static var migrations: [any Migration] {
        PlatformModule.migrations + ArtifactsModule.migrations + RequirementsModule.migrations
            + SystemDesignModule.migrations + InterfacesModule.migrations + GovernanceModule.migrations
            + SystemDesignModule.migrationsAfterGovernance + InterfacesModule.migrationsAfterGovernance
            + ArtifactsModule.migrationsAfterInterfaces + VerificationModule.migrations
    }

    /// Configures `app` from `config`. Everything a process needs, whatever command it runs.
    public static func configure(_ app: Application, config: AppConfig) async throws {
        var config = config
        config.secretKey = try SecretKeyStore.resolve(for: config)
        app.config = config
        app.logger.logLevel = config.logLevel
        app.startedAt = Date()
        app.metrics = SesaMetrics(config: config)
        app.accessTokens = await AccessTokens(secret: config.secretKey)
        ContentConfiguration.global.use(encoder: JSONCoding.encoder, for: .json)
        ContentConfiguration.global.use(decoder: JSONCoding.decoder, for: .json)
        app.assets = try AssetManifest.load(publicDirectory: config.publicDirectory)
        app.http.server.configuration.hostname = config.httpHost
        app.http.server.configuration.port = config.httpPort
        // Vapor's own `X-Forwarded-For` handling is only honoured behind a proxy we were told to trust.
        app.http.server.configuration.serverName = nil

        try await app.configureDatabase(config.databaseURL)
        app.register(migrations: migrations)
        app.configureMiddleware()

        // modules, in module-chain order
        PlatformModule.register(on: app)
        ArtifactsModule.register(on: app)
        GovernanceModule.register(on: app)
        SystemDesignModule.register(on: app)
        InterfacesModule.register(on: app)
        RequirementsModule.register(on: app)
        VerificationModule.register(on: app)

        app.asyncCommands.use(ServeCommand(serve: await app.servers.asyncCommand), as: "serve", isDefault: true)
        app.asyncCommands.use(MigrateCommand(), as: "migrate")
        app.asyncCommands.use(WorkerCommand(), as: "worker")
        app.asyncCommands.use(CheckCommand(), as: "check")
        app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
        app.asyncCommands.use(AuditCommand(), as: "audit")
        app.asyncCommands.use(ImportCommand(), as: "import")
        app.asyncCommands.use(ExportCommand(), as: "export")
    }
}
