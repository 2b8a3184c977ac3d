import Platform
import SQLKit
@testable import SesaApp
import SesaTesting
import Testing

@Suite struct MigrateCommandTests {
    @Test(arguments: TestDatabase.all)
    func checkFailsWhilePendingAndPassesAfterMigrate(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let status1 = try await runSesa(["migrate", "--check"], databaseURL: url)
            #expect(status1 == 1)
            let status2 = try await runSesa(["migrate"], databaseURL: url)
            #expect(status2 == 0)
            let status3 = try await runSesa(["migrate", "--check"], databaseURL: url)
            #expect(status3 == 0)
            // Running it again is harmless.
            let status4 = try await runSesa(["migrate"], databaseURL: url)
            #expect(status4 == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func revertUndoesTheLastBatch(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let status5 = try await runSesa(["migrate"], databaseURL: url)
            #expect(status5 == 0)
            let status6 = try await runSesa(["migrate", "--revert"], databaseURL: url)
            #expect(status6 == 0)
            let status7 = try await runSesa(["migrate", "--check"], databaseURL: url)
            #expect(status7 == 1)
            // Up again after down: the schema comes back.
            let status8 = try await runSesa(["migrate"], databaseURL: url)
            #expect(status8 == 0)
            let status9 = try await runSesa(["migrate", "--check"], databaseURL: url)
            #expect(status9 == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func checkAndRevertTogetherIsAUsageError(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let status10 = try await runSesa(["migrate", "--check", "--revert"], databaseURL: url)
            #expect(status10 == 2)
        }
    }
}

@Suite struct ServeCommandTests {
    /// Production never migrates by itself: `serve` refuses while anything is pending.
    @Test(arguments: TestDatabase.all)
    func productionServeRefusesPendingMigrations(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let production = [
                "SESA_ENV": "production", "SESA_SECRET_KEY": String(repeating: "s", count: 40),
                "SESA_ALLOWED_HOSTS": "localhost", "SESA_LOG_LEVEL": "warning",
            ]
            // On SQLite production refuses to load at all; the serve gate is exercised on PostgreSQL below.
            if case .postgres = database {
                let status11 = try await runSesa(["serve", "--port", "0"], databaseURL: url, environment: production)
                #expect(status11 == 1)
            } else {
                await #expect(throws: ConfigError.self) {
                    try await runSesa(["serve"], databaseURL: url, environment: production)
                }
            }
            let status12 = try await runSesa(["migrate", "--check"], databaseURL: url)
            #expect(status12 == 1)
        }
    }
}

@Suite struct CheckCommandTests {
    @Test(arguments: TestDatabase.all)
    func checkFailsOnAPendingSchemaAndPassesAfterMigrate(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let before = try await runSesa(["check"], databaseURL: url)
            #expect(before == 1)
            let migrate = try await runSesa(["migrate"], databaseURL: url)
            #expect(migrate == 0)
            let after = try await runSesa(["check"], databaseURL: url)
            #expect(after == 0)
        }
    }

    /// `--deploy` holds a testing/SQLite instance to production's rules; a proper PostgreSQL one passes.
    @Test(arguments: TestDatabase.all)
    func deployCheckAppliesProductionRules(database: TestDatabase) async throws {
        try await withDatabase(on: database, migrated: true) { url in
            let app = try await makeApp(databaseURL: url, migrate: true)
            let findings = await DeployCheck.run(app: app, deploy: true)
            try await app.asyncShutdown()
            let failed = findings.filter { $0.level == .fail }.map(\.subject)
            #expect(failed.contains("SESA_ENV"))
            #expect(findings.contains { $0.subject == "SESA_PUBLIC_URL" && $0.level == .warn })
            #expect(findings.contains { $0.subject == "schema" && $0.level == .pass })
            if case .sqlite = database { #expect(failed.contains("SESA_DATABASE_URL")) }

            guard case .postgres = database else { return }
            let production = [
                "SESA_ENV": "production", "SESA_SECRET_KEY": String(repeating: "p", count: 48),
                "SESA_ALLOWED_HOSTS": "sesa.example.com", "SESA_PUBLIC_URL": "https://sesa.example.com",
                "SESA_METRICS_TOKEN": "t", "SESA_LOG_LEVEL": "info",
            ]
            let status = try await runSesa(["check", "--deploy"], databaseURL: url, environment: production)
            #expect(status == 0)
        }
    }
}

@Suite struct CreateAdminCommandTests {
    func run(_ arguments: [String], password: String?, databaseURL: String) async throws -> Int32 {
        try await runSesa(["create-admin"] + arguments, databaseURL: databaseURL, prepare: { app in
            app.passwordInput = { _ in password }
        })
    }

    @Test(arguments: TestDatabase.all)
    func createsAnAdministratorWithAPasswordFromStandardInput(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let migrate = try await runSesa(["migrate"], databaseURL: url)
            #expect(migrate == 0)
            let weak = try await run(["--email", "ops@example.com", "--name", "Ops"], password: "password123456", databaseURL: url)
            #expect(weak == 2)
            let noEmail = try await run(["--name", "Ops"], password: "a long unusual passphrase", databaseURL: url)
            #expect(noEmail == 2)
            let created = try await run(["--email", "Ops@Example.com", "--name", "Ops"], password: "a long unusual passphrase", databaseURL: url)
            #expect(created == 0)
            let duplicate = try await run(["--email", "ops@example.com", "--name", "Ops"], password: "a long unusual passphrase", databaseURL: url)
            #expect(duplicate == 2)
            let app = try await makeApp(databaseURL: url, migrate: false)
            let user = try await User.find(email: "ops@example.com", on: app.db)
            try await app.asyncShutdown()
            #expect(user?.isSiteAdmin == true)
        }
    }
}

@Suite struct AuditCommandTests {
    @Test(arguments: TestDatabase.all)
    func verifyPassesOnAnIntactChainAndFailsOnAnEditedRow(database: TestDatabase) async throws {
        try await withDatabase(on: database) { url in
            let migrate = try await runSesa(["migrate"], databaseURL: url)
            #expect(migrate == 0)
            let empty = try await runSesa(["audit", "verify"], databaseURL: url)
            #expect(empty == 0)
            let created = try await runSesa(["create-admin", "--email", "ops@example.com", "--name", "Ops"],
                                            databaseURL: url, prepare: { $0.passwordInput = { _ in "a long unusual passphrase" } })
            #expect(created == 0)
            let intact = try await runSesa(["audit", "verify"], databaseURL: url)
            #expect(intact == 0)
            let app = try await makeApp(databaseURL: url, migrate: false)
            let sql = app.db as! any SQLDatabase
            if sql.dialect.name == "postgresql" {
                try await sql.raw("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only").run()
            } else {
                try await sql.raw("DROP TRIGGER audit_entries_no_update").run()
            }
            try await sql.raw("UPDATE audit_entries SET details = '{}' WHERE seq = 1").run()
            try await app.asyncShutdown()
            let broken = try await runSesa(["audit", "verify"], databaseURL: url)
            #expect(broken == 1)
            let usage = try await runSesa(["audit", "repair"], databaseURL: url)
            #expect(usage == 2)
        }
    }
}
