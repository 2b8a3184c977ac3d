import Platform
import SesaApp
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
