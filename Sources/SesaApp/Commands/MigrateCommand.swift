import Fluent
import Platform
import Vapor

/// `sesa migrate`: applies pending migrations (`--check` only reports them, `--revert` undoes the last batch).
/// Never prompts, so it runs unattended in deploy scripts and CI.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "check", help: "List pending migrations and exit 1 if there are any; change nothing.")
        var check: Bool

        @Flag(name: "revert", help: "Revert the last batch of applied migrations.")
        var revert: Bool

        init() {}
    }

    var help: String { "Applies pending database migrations; --check reports them, --revert undoes the last batch." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        if signature.check && signature.revert {
            console.error("--check and --revert cannot be combined.")
            throw CommandExit(code: 2)
        }
        if signature.check { return try await check(app: app, console: console) }
        if signature.revert { return try await revert(app: app, console: console) }
        let status = try await app.migrationStatus()
        guard !status.isUpToDate else {
            console.print("The database schema is up to date (\(status.applied.count) migrations applied).")
            return
        }
        console.print("Applying \(status.pending.count) migration(s) to \(app.config.databaseURL):")
        for name in status.pending { console.print("  + \(name)") }
        try await app.autoMigrate()
        console.print("Done.")
    }

    private func check(app: Application, console: any Console) async throws {
        let status = try await app.migrationStatus()
        if status.isUpToDate {
            console.print("The database schema is up to date (\(status.applied.count) migrations applied).")
            return
        }
        console.print("\(status.pending.count) migration(s) pending:")
        for name in status.pending { console.print("  - \(name)") }
        throw CommandExit(code: 1)
    }

    private func revert(app: Application, console: any Console) async throws {
        try await app.migrator.setupIfNeeded().get()
        let batch = try await app.migrator.previewRevertLastBatch().get()
        guard !batch.isEmpty else {
            console.print("Nothing to revert: no migration has been applied.")
            return
        }
        console.print("Reverting the last batch (\(batch.count) migration(s)):")
        for (migration, _) in batch { console.print("  - \(migration.name)") }
        try await app.migrator.revertLastBatch().get()
        console.print("Done.")
    }
}
