import Artifacts
import Fluent
import Foundation
import Platform
import SesaTesting
import Testing
import Vapor

/// Batched creation and linking on both databases: the same keys, versions, hashes, audit rows and refusals as one
/// by one.
@Suite struct ArtifactBatchTests {
    /// Writes into one project, as Lena, each call its own transaction.
    struct Writer {
        let app: Application
        let projectID: UUID
        let lena: User

        func callAsFunction<T: Sendable>(_ body: @escaping @Sendable (ArtifactWriter) async throws -> T) async throws -> T {
            try await ArtifactWriter.transaction(on: app.db, projectID: projectID, registry: app.artifactRegistry,
                                                 actor: AuditActor(userID: lena.id, label: "lena@example.com"), now: app.clock.now(), body)
        }
    }

    /// An app with the test kinds and a project ATC led by Lena.
    static func withProject(on database: TestDatabase, _ body: (Application, Writer) async throws -> Void) async throws {
        try await withApp(on: database, worker: false, routes: { TestKinds.register(on: $0) }) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let project = try await app.makeProject("ATC", lead: lena)
            try await body(app, Writer(app: app, projectID: try project.requireID(), lena: lena))
        }
    }

    @Test(arguments: TestDatabase.all)
    func manyArtifactsAndLinksAreWhatOneByOneWouldHaveWritten(database: TestDatabase) async throws {
        try await Self.withProject(on: database) { app, write in
            // An explicit key moves the counter past it; the batch continues from there.
            let single = try await write { try await $0.create(kind: "test-note", title: "First", fields: ["statement": .string("a")]) }
            _ = try await write { try await $0.create(kind: "test-note", title: "Odd", fields: [:], key: "NOTE-003") }
            let many = try await write { writer in
                try await writer.createMany(kind: "test-note", (1...4).map { ("Note \($0)", ["statement": .string("s\($0)")] as ArtifactFields) })
            }
            #expect(single.key == "NOTE-001")
            #expect(many.map(\.key) == ["NOTE-004", "NOTE-005", "NOTE-006", "NOTE-007"])
            let stored = try #require(try await Artifact.query(on: app.db).filter(\.$key == "NOTE-005").first())
            let version = try await ArtifactQueries.version(stored.id!, 1, on: app.db)
            #expect(try version.fields()["statement"] == .string("s2") && version.contentHash == stored.contentHash)
            #expect(stored.triggerHash == (try version.fields()).hash(of: ["title", "statement"]))
            #expect(stored.triggerRevision == version.revision)

            let task = try await write { try await $0.create(kind: "test-task", title: "Task", fields: ["statement": .string("t")]) }
            let links = try await write { try await $0.linkMany("test-covers", many.map { (source: task.id!, target: $0.id!) }) }
            #expect(links.count == 4 && links.allSatisfy { !$0.suspect })
            await #expect(throws: ArtifactRefusal.self) {
                try await write { try await $0.linkMany("test-covers", [(source: task.id!, target: many[0].id!)]) }
            }
            await #expect(throws: ArtifactRefusal.self) {
                try await write { try await $0.linkMany("test-covers", [(source: many[0].id!, target: task.id!)]) }
            }
            #expect(try await ArtifactLink.query(on: app.db).count() == 4, "a refused batch stores nothing")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "artifact.created").count() == 7)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "link.created").count() == 4)
            #expect(try await AuditLog.verify(on: app.db).broken == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aBatchOfAKindThatRefusesCyclesChecksThemAllBeforeWritingAny(database: TestDatabase) async throws {
        try await Self.withProject(on: database) { app, write in
            let notes = try await write { writer in
                try await writer.createMany(kind: "test-note", (1...5).map { ("Note \($0)", [:] as ArtifactFields) })
            }
            let id = notes.map { $0.id! }
            // A chain 1 → 2 → 3 stored one by one, then a batch extending it (3 → 4, 4 → 5) and a diamond (1 → 3).
            _ = try await write { try await $0.link("test-derives-from", from: id[0], to: id[1]) }
            _ = try await write { try await $0.link("test-derives-from", from: id[1], to: id[2]) }
            let batch = try await write { try await $0.linkMany("test-derives-from", [(id[2], id[3]), (id[3], id[4]), (id[0], id[2])]) }
            #expect(batch.count == 3)
            // 5 → 1 closes a cycle through stored links and the batch's own; 5 → 4 through a pair earlier in the batch.
            for pairs in [[(source: id[4], target: id[0])], [(source: id[0], target: id[4]), (source: id[4], target: id[3])]] {
                let refused = await #expect(throws: ArtifactRefusal.self) { try await write { try await $0.linkMany("test-derives-from", pairs) } }
                #expect(refused?.reason.hasPrefix("this test-derives-from link would close a cycle: ") == true, "\(String(describing: refused))")
            }
            let single = await #expect(throws: ArtifactRefusal.self) { try await write { try await $0.link("test-derives-from", from: id[4], to: id[0]) } }
            let batched = await #expect(throws: ArtifactRefusal.self) {
                try await write { try await $0.linkMany("test-derives-from", [(source: id[4], target: id[0])]) }
            }
            #expect(single?.reason == batched?.reason, "the same path as one link at a time names")
            #expect(batched?.reason == "this test-derives-from link would close a cycle: NOTE-001 → NOTE-003 → NOTE-004 → NOTE-005 → NOTE-001")
            #expect(try await ArtifactLink.query(on: app.db).count() == 5, "refused batches store nothing")
        }
    }
}
