import Fluent
import Platform
import Vapor

/// `sesa audit verify`: walks the audit trail's hash chain and names the first row that was edited, removed or
/// cut off. Exit 0 when intact, 1 when broken — for a nightly cron or the go-live check.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "`verify`: check the hash chain of the audit trail.")
        var action: String

        init() {}
    }

    var help: String { "Checks the audit trail: `sesa audit verify` walks its hash chain." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard signature.action == "verify" else {
            console.error("Unknown action '\(signature.action)'. Use: sesa audit verify")
            throw CommandExit(code: 2)
        }
        guard try await app.migrationStatus().isUpToDate else {
            console.error("The database schema is not up to date. Run `sesa migrate` first.")
            throw CommandExit(code: 1)
        }
        let result = try await AuditLog.verify(on: app.db)
        if let broken = result.broken {
            console.error("The audit trail is broken at entry #\(broken.sequence): \(broken.reason).")
            console.error("\(result.entries) entries before it check out.")
            throw CommandExit(code: 1)
        }
        console.print("The audit trail is intact: \(result.entries) entries, every hash checks out.")
    }
}
