import Fluent
import Platform
import Vapor

/// `sesa serve`: migrates (development) or checks the schema (production), then runs Vapor's server and
/// prints the URL to open.
struct ServeCommand: AsyncCommand {
    typealias Signature = Vapor.ServeCommand.Signature

    let serve: any AnyAsyncCommand

    var help: String {
        "Runs the SESA web server and, unless SESA_WORKER=off, a job worker. In development pending migrations are "
            + "applied first; in production the server refuses to start while any are pending (run `sesa migrate`)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await prepareSchema(app: app, console: context.console)
        guard let vaporServe = serve as? Vapor.ServeCommand else { throw Abort(.internalServerError) }
        try await vaporServe.run(using: context, signature: signature)
        if app.config.inProcessWorker { app.startInProcessWorker() }
        let port = app.http.server.shared.localAddress?.port ?? app.config.httpPort
        var shown = app.config
        shown.httpHost = app.http.server.configuration.hostname
        shown.httpPort = port
        context.console.print("SESA \(SesaVersion.current) is running at \(shown.displayURL)  (Ctrl-C stops it)")
        // A fresh install has no account at all (never a default one): print a one-time link to create the first
        // administrator. It goes to this console only, not to the logs.
        if let token = try await SetupLink.issue(on: app.db) {
            context.console.print("")
            context.console.print("No administrator yet. Create one within 24 hours at:")
            context.console.print("  \(shown.displayURL)\(IdentityRoute.setup(token: token).path)")
            context.console.print("(or run `sesa create-admin --email YOU@EXAMPLE.COM --name \"Your Name\"`)")
        }
    }

    private func prepareSchema(app: Application, console: any Console) async throws {
        let status = try await app.migrationStatus()
        guard !status.isUpToDate else { return }
        if app.config.mode == .production {
            console.error("SESA will not start: \(status.pending.count) migration(s) pending:")
            for name in status.pending { console.error("  - \(name)") }
            console.error("Run `sesa migrate` (after a backup), then start the server again.")
            throw CommandExit(code: 1)
        }
        console.print("Applying \(status.pending.count) pending migration(s) to \(app.config.databaseURL)…")
        try await app.autoMigrate()
    }
}

/// Ends the process with `code` after the command has printed what went wrong.
public struct CommandExit: Error, Sendable {
    public let code: Int32
    public init(code: Int32) { self.code = code }
}
