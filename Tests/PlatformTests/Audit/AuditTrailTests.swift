import Fluent
import Foundation
@testable import Platform
import SesaTesting
import SQLKit
import Testing
import Vapor

/// The audit trail: written with the change, append-only, hash-chained. On both databases.
@Suite struct AuditTrailTests {
    struct ForcedFailure: Error {}

    @Test(arguments: TestDatabase.all)
    func theAuditRowAndTheChangeCommitOrRollBackTogether(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            // A failure after the change and its audit row leaves neither.
            await #expect(throws: ForcedFailure.self) {
                try await app.db.transaction { db in
                    try await Program(name: "Doomed", description: "").create(on: db)
                    try await AuditLog.record(AuditEvent("program.created", kind: "program", key: "Doomed"),
                                              by: .system, on: db, at: Date())
                    throw ForcedFailure()
                }
            }
            let programs = try await Program.query(on: app.db).count()
            let entries = try await AuditEntry.query(on: app.db).count()
            #expect(programs == 0 && entries == 0)
            // Without the failure both are there, and the chain starts at #1.
            try await app.db.transaction { db in
                try await Program(name: "Kept", description: "").create(on: db)
                try await AuditLog.record(AuditEvent("program.created", kind: "program", key: "Kept"),
                                          by: .system, on: db, at: Date())
            }
            let kept = try await AuditEntry.query(on: app.db).all()
            #expect(kept.map(\.id) == [1])
            #expect(kept.first?.previousHash == AuditChainHead.genesisHash)
            let verification = try await AuditLog.verify(on: app.db)
            #expect(verification == AuditLog.Verification(entries: 1, broken: nil))
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentWritersKeepOneChain(database: TestDatabase) async throws {
        // PostgreSQL gets real row-lock contention; SQLite queues the writers on its one connection.
        let writers = 40
        try await withApp(on: database, worker: false) { app in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<writers {
                    group.addTask {
                        try await AuditLog.record(AuditEvent("test.event", kind: "test", key: "T-\(index)"),
                                                  by: .system, on: app.db, at: Date())
                    }
                }
                try await group.waitForAll()
            }
            let verification = try await AuditLog.verify(on: app.db)
            #expect(verification == AuditLog.Verification(entries: writers, broken: nil))
        }
    }

    @Test(arguments: TestDatabase.all)
    func verifyNamesTheFirstEditedRow(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            for index in 1...3 {
                try await AuditLog.record(
                    AuditEvent("project.updated", kind: "project", key: "ATC", before: ["name": "v\(index)"],
                               after: ["name": "v\(index + 1)"]),
                    by: AuditActor(userID: UUID(), label: "ada@example.com", requestID: "r\(index)", ip: "127.0.0.1"),
                    on: app.db, at: Date())
            }
            let sql = try #require(app.db as? any SQLDatabase)
            // The table refuses edits and deletions outright…
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET action = 'project.deleted' WHERE seq = 2").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_entries WHERE seq = 3").run()
            }
            // …and someone who gets past that (dropping the guard as the table's owner) is caught by the chain.
            if sql.dialect.name == "postgresql" {
                try await sql.raw("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only").run()
            } else {
                try await sql.raw("DROP TRIGGER audit_entries_no_update").run()
                try await sql.raw("DROP TRIGGER audit_entries_no_delete").run()
            }
            try await sql.raw("UPDATE audit_entries SET actor_label = 'mallory@example.com' WHERE seq = 2").run()
            let edited = try await AuditLog.verify(on: app.db)
            #expect(edited.broken?.sequence == 2)
            #expect(edited.broken?.reason == "entry #2 was changed after it was written")
            #expect(edited.entries == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func verifyNoticesRowsCutOffTheEnd(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            for index in 1...3 {
                try await AuditLog.record(AuditEvent("test.event", kind: "test", key: "T-\(index)"), by: .system,
                                          on: app.db, at: Date())
            }
            let sql = try #require(app.db as? any SQLDatabase)
            if sql.dialect.name == "postgresql" {
                try await sql.raw("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only").run()
            } else {
                try await sql.raw("DROP TRIGGER audit_entries_no_delete").run()
            }
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 3").run()
            let cut = try await AuditLog.verify(on: app.db)
            #expect(cut.broken?.sequence == 3)
            #expect(cut.entries == 2)
        }
    }
}
