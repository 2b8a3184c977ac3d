import Fluent
import Foundation
import Platform
import Vapor

/// `sesa create-admin --email E --name N`: creates a site administrator. The password is read from standard
/// input — typed without echo on a terminal, or piped — never from the command line, where `ps` and shell
/// history would keep it.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The administrator's email (their sign-in name).")
        var email: String?

        @Option(name: "name", help: "The administrator's display name.")
        var name: String?

        init() {}
    }

    var help: String { "Creates a site administrator; the password is read from standard input." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard try await app.migrationStatus().isUpToDate else {
            console.error("The database schema is not up to date. Run `sesa migrate` first.")
            throw CommandExit(code: 1)
        }
        let email = User.normalise(email: signature.email ?? "")
        let name = (signature.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [String] = []
        if !User.isPlausible(email: email) { problems.append("--email: must be an email address") }
        if name.isEmpty || name.count > 120 { problems.append("--name: must be 1–120 characters") }
        if problems.isEmpty, try await User.find(email: email, on: app.db) != nil {
            problems.append("--email: a user with this email already exists")
        }
        guard problems.isEmpty else {
            problems.forEach { console.error($0) }
            throw CommandExit(code: 2)
        }
        guard let password = app.passwordInput(console) else {
            console.error("No password given on standard input.")
            throw CommandExit(code: 2)
        }
        let policy = PasswordPolicy.problems(password)
        guard policy.isEmpty else {
            policy.forEach { console.error("password: \($0.reason)") }
            throw CommandExit(code: 2)
        }
        let user = User(email: email, displayName: name, passwordHash: try await app.passwords.hash(password),
                        isSiteAdmin: true)
        try await app.db.transaction { db in
            try await user.create(on: db)
            try await AuditLog.record(
                AuditEvent("user.created", kind: "user", id: user.id?.uuidString.lowercased(), key: user.email,
                           after: ["email": user.email, "display_name": user.displayName, "site_admin": "true"],
                           note: "sesa create-admin"),
                by: .commandLine, on: db, at: app.clock.now())
        }
        console.print("Site administrator \(email) created.")
    }
}

extension Application {
    private struct PasswordInputKey: StorageKey { typealias Value = @Sendable (any Console) -> String? }

    /// Where `create-admin` reads the password: the terminal without echo (asked twice), else one line of
    /// standard input. Tests replace it.
    var passwordInput: @Sendable (any Console) -> String? {
        get {
            storage[PasswordInputKey.self] ?? { console in
                guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
                let first = console.ask("Password:", isSecure: true)
                let second = console.ask("Repeat the password:", isSecure: true)
                return first == second ? first : nil
            }
        }
        set { storage[PasswordInputKey.self] = newValue }
    }
}
