import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// The artifact core on both databases, through a test-only kind: keys, versions and optimistic locking,
/// history, revisions, audit, typed links, suspect flags, and the read API.
@Suite struct ArtifactWriterTests {
    struct Boom: Error {}

    /// Registers the test kinds and two routes that save a note the way a domain module's form and API would.
    static func routes(_ app: Application) {
        TestKinds.register(on: app)
        struct NoteForm: Content {
            var version: Int
            var title: String
            var statement: String
        }
        @Sendable func save(_ request: Request) async throws -> Artifact {
            let form = try request.content.decode(NoteForm.self)
            let key = request.parameters.get("key") ?? ""
            guard let project = try await Project.query(on: request.db).filter(\.$key == "ATC").first(),
                let note = try await ArtifactQueries.artifact(key: key, projectID: try project.requireID(), on: request.db)
            else { throw Abort(.notFound) }
            let noteID = try note.requireID()
            return try await ArtifactWriter.transaction(
                on: request.db, projectID: try project.requireID(), registry: request.artifactRegistry,
                actor: AuditActor(userID: nil, label: "form user"), now: request.now
            ) { writer in
                try await writer.update(noteID, expectedVersion: form.version, title: form.title,
                                        fields: ["statement": .string(form.statement)])
            }
        }
        app.post("test", "notes", ":key") { request async throws -> Response in
            _ = try await save(request)
            return request.redirect(to: "/")
        }.htmlPage()
        app.put("api", "v1", "test-notes", ":key") { request async throws -> HTTPStatus in
            _ = try await save(request)
            return .noContent
        }.openAPI(.init("testSaveNote", summary: "test only", tag: "test", responses: [.init(204, "saved")]))
    }

    func setUp(_ app: Application) async throws -> (Project, Project) {
        let lena = try await app.makeUser("lena@example.com", name: "Lena")
        let vic = try await app.makeUser("vic@example.com", name: "Vic")
        try await app.makeUser("otto@example.com", name: "Otto")
        let atc = try await app.makeProject("ATC", lead: lena)
        try await app.addMember(vic, to: atc, role: .viewer)
        let ops = try await app.makeProject("OPS", lead: lena)
        return (atc, ops)
    }

    func write<T: Sendable>(_ app: Application, _ project: Project, _ body: @escaping @Sendable (ArtifactWriter) async throws -> T)
        async throws -> T
    {
        try await ArtifactWriter.transaction(
            on: app.db, projectID: try project.requireID(), registry: app.artifactRegistry,
            actor: AuditActor(userID: nil, label: "lena@example.com"), now: app.clock.now(), body)
    }

    func delete(_ id: UUID, version: Int, in project: Project, _ app: Application) async throws {
        try await write(app, project) { writer in try await writer.delete(id, expectedVersion: version) }
    }

    func note(_ title: String, _ statement: String) -> (String, ArtifactFields) {
        (title, ["statement": .string(statement), "priority": .int(2)])
    }

    @Test(arguments: TestDatabase.all)
    func keysAreAllocatedPerProjectAndNeverReused(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, ops) = try await setUp(app)
            let keys = try await write(app, atc) { writer in
                var keys: [String] = []
                for index in 1...3 {
                    keys.append(try await writer.create(kind: "test-note", title: "Note \(index)", fields: [:]).key)
                }
                keys.append(try await writer.create(kind: "test-task", title: "Task", fields: [:]).key)
                keys.append(try await writer.create(kind: "test-note", title: "System note", fields: [:],
                                                    keyPattern: KeyPattern("SYS-NOTE-##")).key)
                return keys
            }
            #expect(keys == ["NOTE-001", "NOTE-002", "NOTE-003", "TASK-0001", "SYS-NOTE-01"])
            // Another project counts on its own.
            let other = try await write(app, ops) { try await $0.create(kind: "test-note", title: "Ops note", fields: [:]).key }
            #expect(other == "NOTE-001")
            // An imported key is kept and moves the counter past it; a deleted artifact's key is not handed out again.
            let imported = try await write(app, atc) { writer -> [String] in
                let kept = try await writer.create(kind: "test-note", title: "Imported", fields: [:], key: "NOTE-010")
                let next = try await writer.create(kind: "test-note", title: "After import", fields: [:])
                try await writer.delete(try next.requireID(), expectedVersion: 1)
                let after = try await writer.create(kind: "test-note", title: "After delete", fields: [:])
                return [kept.key, next.key, after.key]
            }
            #expect(imported == ["NOTE-010", "NOTE-011", "NOTE-012"])
            // A taken key (even a deleted one) and an invalid key are refused with the field named.
            for (key, status) in [("NOTE-001", HTTPStatus.conflict), ("NOTE-011", .conflict), ("bad key", .unprocessableEntity)] {
                await #expect {
                    try await write(app, atc) { try await $0.create(kind: "test-note", title: "Dup", fields: [:], key: key) }
                } throws: { error in
                    guard let refusal = error as? ArtifactRefusal else { return false }
                    return refusal.status == status && refusal.field == "key"
                }
            }
            // An empty title is refused.
            await #expect(throws: ArtifactRefusal.self) {
                try await write(app, atc) { try await $0.create(kind: "test-note", title: "  ", fields: [:]) }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyChangeKeepsAVersionAnAuditRowAndMovesTheRevision(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, _) = try await setUp(app)
            let projectID = try atc.requireID()
            #expect(try await ProjectRevision.current(projectID, on: app.db) == 0)
            let created = try await write(app, atc) { writer in
                try await writer.create(kind: "test-note", title: "Log access", fields: ["statement": .string("The system shall log every access.")])
            }
            let id = try created.requireID()
            #expect(created.version == 1)
            #expect(try await ProjectRevision.current(projectID, on: app.db) == 1)
            // Two changes in one transaction move the revision once.
            try await write(app, atc) { writer in
                try await writer.update(id, expectedVersion: 1, title: "Log access",
                                        fields: ["statement": .string("The system shall log every access attempt.")])
                try await writer.update(id, expectedVersion: 2, title: "Log all access",
                                        fields: ["statement": .string("The system shall log every access attempt.")])
            }
            #expect(try await ProjectRevision.current(projectID, on: app.db) == 2)
            // Saving identical content writes nothing.
            let unchanged = try await write(app, atc) { writer in
                try await writer.update(id, expectedVersion: 3, title: "Log all access",
                                        fields: ["statement": .string("The system shall log every access attempt.")])
            }
            #expect(unchanged.version == 3)

            let history = try await ArtifactQueries.history(id, on: app.db)
            #expect(history.map(\.version) == [1, 2, 3])
            #expect(history.map(\.change) == [.created, .updated, .updated])
            #expect(history.map(\.revision) == [1, 2, 2])
            #expect(history[2].content == #"{"statement":"The system shall log every access attempt.","title":"Log all access"}"#)
            #expect(history[2].contentHash == (try history[2].fields()).hash())
            // The title is not a trigger field change between 1 and 2, the statement is: trigger hashes say so.
            #expect(history[0].triggerHash != history[1].triggerHash)
            #expect(history.allSatisfy { $0.changedByLabel == "lena@example.com" })
            let audit = try await AuditEntry.query(on: app.db).filter(\.$objectKey == "NOTE-001").sort(\.$id).all()
            #expect(audit.map(\.action) == ["artifact.created", "artifact.updated", "artifact.updated"])
            #expect(audit[1].details.contains("every access attempt"))
            #expect(audit.allSatisfy { $0.projectID == projectID })
            #expect(try await AuditLog.verify(on: app.db).broken == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aStaleWriteGetsAConflictAndStoresNothing(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, _) = try await setUp(app)
            let id = try await write(app, atc) { writer in
                try await writer.create(kind: "test-note", title: "Alarm", fields: ["statement": .string("Raise an alarm within 2 s.")]).requireID()
            }
            // Ada saves version 1 → 2.
            try await write(app, atc) { writer in
                try await writer.update(id, expectedVersion: 1, title: "Alarm", fields: ["statement": .string("Raise an alarm within 1 s.")])
            }
            let revision = try await ProjectRevision.current(try atc.requireID(), on: app.db)
            let auditRows = try await AuditEntry.query(on: app.db).count()
            // Bob, still on version 1, saves too: refused with both sides.
            do {
                try await write(app, atc) { writer in
                    try await writer.update(id, expectedVersion: 1, title: "Alarm", fields: ["statement": .string("Raise an alarm within 5 s.")])
                }
                Issue.record("a stale write was accepted")
            } catch let conflict as VersionConflict {
                #expect(conflict.status == .conflict)
                #expect(conflict.currentVersion == 2 && conflict.yourVersion == 1)
                #expect(conflict.differingFields == ["statement"])
                #expect(conflict.current["statement"] == .string("Raise an alarm within 1 s."))
                #expect(conflict.yours["statement"] == .string("Raise an alarm within 5 s."))
                #expect(conflict.reason.contains("NOTE-001 was changed by lena@example.com (now version 2)"))
            }
            #expect(try await ArtifactQueries.history(id, on: app.db).count == 2)
            #expect(try await ProjectRevision.current(try atc.requireID(), on: app.db) == revision, "rolled back")
            #expect(try await AuditEntry.query(on: app.db).count() == auditRows)

            // The HTML form shows the user both versions…
            let browser = TestBrowser(app)
            let page = try await browser.post("/test/notes/NOTE-001", form: ["version": "1", "title": "Alarm", "statement": "Raise an alarm within 5 s."])
            #expect(page.status == .conflict)
            #expect(page.headers.contentType?.description.hasPrefix("text/html") == true)
            #expect(page.text.contains("Current version 2 (by lena@example.com)"))
            #expect(page.text.contains("Raise an alarm within 1 s.") && page.text.contains("Raise an alarm within 5 s."))
            // …and the API answers a problem document listing what differs.
            let api = try await app.send(.PUT, "/api/v1/test-notes/NOTE-001", headers: ["Content-Type": "application/json"],
                                         body: #"{"version": 1, "title": "Alarm", "statement": "Raise an alarm within 5 s."}"#)
            #expect(api.status == .conflict)
            #expect(api.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(api.text.contains(#""field":"statement""#))
            // With the current version the same save goes through.
            let saved = try await app.send(.PUT, "/api/v1/test-notes/NOTE-001", headers: ["Content-Type": "application/json"],
                                           body: #"{"version": 2, "title": "Alarm", "statement": "Raise an alarm within 5 s."}"#)
            #expect(saved.status == .noContent)
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentSavesOfOneVersionLetExactlyOneWin(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, _) = try await setUp(app)
            let id = try await write(app, atc) { try await $0.create(kind: "test-note", title: "Race", fields: [:]).requireID() }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            try await write(app, atc) { writer in
                                try await writer.update(id, expectedVersion: 1, title: "Race", fields: ["statement": .string("writer \(index)")])
                            }
                            return true
                        } catch is VersionConflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await ArtifactQueries.history(id, on: app.db).map(\.version) == [1, 2])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theChangeTheVersionAndTheAuditRowRollBackTogether(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, _) = try await setUp(app)
            let before = try await AuditEntry.query(on: app.db).count()
            await #expect(throws: Boom.self) {
                try await write(app, atc) { writer in
                    try await writer.create(kind: "test-note", title: "Doomed", fields: [:])
                    throw Boom()
                }
            }
            #expect(try await Artifact.query(on: app.db).count() == 0)
            #expect(try await ArtifactVersion.query(on: app.db).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).count() == before)
            #expect(try await ProjectRevision.current(try atc.requireID(), on: app.db) == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func linksAreTypedAcyclicWhereRequiredAndTurnSuspectBothWays(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, ops) = try await setUp(app)
            let ids = try await write(app, atc) { writer in
                [
                    try await writer.create(kind: "test-note", title: "A", fields: ["statement": .string("a")]).requireID(),
                    try await writer.create(kind: "test-note", title: "B", fields: ["statement": .string("b")]).requireID(),
                    try await writer.create(kind: "test-note", title: "C", fields: ["statement": .string("c")]).requireID(),
                    try await writer.create(kind: "test-task", title: "T", fields: ["statement": .string("t")]).requireID(),
                ]
            }
            let a = ids[0], b = ids[1], c = ids[2], task = ids[3]
            let foreign = try await write(app, ops) { try await $0.create(kind: "test-note", title: "F", fields: [:]).requireID() }
            // B and C derive from A; C also from B (multi-parent); the task covers A and C.
            try await write(app, atc) { writer in
                try await writer.link("test-derives-from", from: b, to: a)
                try await writer.link("test-derives-from", from: c, to: a)
                try await writer.link("test-derives-from", from: c, to: b)
                try await writer.link("test-covers", from: task, to: a)
                try await writer.link("test-covers", from: task, to: c)
            }
            func refusal(_ body: @escaping @Sendable (ArtifactWriter) async throws -> Void) async -> ArtifactRefusal? {
                do { try await write(app, atc, body); return nil } catch let refusal as ArtifactRefusal { return refusal } catch { return nil }
            }
            // A → C would close A ← C (C derives from A): the cycle is named.
            let cycle = await refusal { try await $0.link("test-derives-from", from: a, to: c) }
            #expect(cycle?.reason == "this test-derives-from link would close a cycle: NOTE-003 → NOTE-001 → NOTE-003")
            let longer = await refusal { try await $0.link("test-derives-from", from: a, to: b) }
            #expect(longer?.reason.contains("would close a cycle") == true)
            #expect(await refusal { try await $0.link("test-derives-from", from: a, to: a) }?.field == "target")
            #expect(await refusal { try await $0.link("test-derives-from", from: b, to: a) }?.status == .conflict)
            #expect(await refusal { try await $0.link("test-covers", from: a, to: task) }?.reason
                == "a test-covers link cannot go from a test-note to a test-task")
            #expect(await refusal { try await $0.link("no-such-kind", from: a, to: b) }?.field == "kind")
            #expect(await refusal { try await $0.link("test-covers", from: task, to: foreign) }?.field == "target",
                    "another project's artifact is not there")
            #expect(try await ArtifactLink.query(on: app.db).count() == 5)

            // Changing a non-trigger field leaves links alone; changing the statement of A turns every link at A
            // suspect, from both sides, and nothing else.
            try await write(app, atc) { writer in
                try await writer.update(a, expectedVersion: 1, title: "A", fields: ["statement": .string("a"), "owner": .string("Ed")])
            }
            #expect(try await ArtifactLink.query(on: app.db).filter(\.$suspect == true).count() == 0)
            try await write(app, atc) { writer in
                try await writer.update(a, expectedVersion: 2, title: "A", fields: ["statement": .string("a, changed"), "owner": .string("Ed")])
            }
            let suspect = try await ArtifactLink.query(on: app.db).filter(\.$suspect == true).all()
            #expect(Set(suspect.map(\.targetID)) == [a])
            #expect(suspect.count == 3)
            try await write(app, atc) { writer in
                try await writer.update(task, expectedVersion: 1, title: "T", fields: ["statement": .string("t2")])
            }
            #expect(try await ArtifactLink.query(on: app.db).filter(\.$suspect == true).count() == 4, "task → C now too")

            // Deleting C removes its links; its key stays in history.
            try await delete(c, version: 1, in: atc, app)
            #expect(try await ArtifactLink.query(on: app.db).count() == 2)
            #expect(try await ArtifactQueries.history(c, on: app.db).last?.change == .deleted)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "link.created").count()
            #expect(audited == 5)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theReadAPIServesMembersOnly(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: Self.routes) { app in
            let (atc, _) = try await setUp(app)
            try await write(app, atc) { writer in
                let a = try await writer.create(kind: "test-note", title: "A", fields: ["statement": .string("a"), "priority": .int(1)])
                let b = try await writer.create(kind: "test-note", title: "B", fields: ["statement": .string("b")])
                try await writer.update(try b.requireID(), expectedVersion: 1, title: "B", fields: ["statement": .string("b2")])
                try await writer.link("test-derives-from", from: try b.requireID(), to: try a.requireID())
            }
            let vic = try await app.bearerHeaders("vic@example.com")
            let shown = try await app.send(.GET, "/api/v1/projects/ATC/artifacts/NOTE-001", headers: vic)
            #expect(shown.status == .ok)
            #expect(shown.text.contains(#""key":"NOTE-001""#) && shown.text.contains(#""priority":1"#))
            #expect(shown.text.contains(#""version":1"#) && shown.text.contains(#""kind":"test-note""#))
            let history = try await app.send(.GET, "/api/v1/projects/ATC/artifacts/NOTE-002/history", headers: vic)
            #expect(history.status == .ok)
            #expect(history.text.contains(#""statement":"b""#) && history.text.contains(#""statement":"b2""#))
            let links = try await app.send(.GET, "/api/v1/projects/ATC/artifacts/NOTE-001/links", headers: vic)
            #expect(links.text.contains(#""label":"derived by""#) && links.text.contains(#""source":"NOTE-002""#))
            #expect(links.text.contains(#""outgoing":[]"#))
            let revision = try await app.send(.GET, "/api/v1/projects/ATC/revision", headers: vic)
            #expect(revision.text == #"{"revision":1}"#)
            let kinds = try await app.send(.GET, "/api/v1/artifact-kinds", headers: vic)
            #expect(kinds.text.contains(#""key_pattern":"NOTE-###""#) && kinds.text.contains(#""acyclic":true"#))
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/artifacts/NOTE-404", headers: vic).status == .notFound)
            // A non-member: 404 for the project's artifacts, whether or not they exist.
            let otto = try await app.bearerHeaders("otto@example.com")
            for path in ["/api/v1/projects/ATC/artifacts/NOTE-001", "/api/v1/projects/ATC/artifacts/NOTE-001/history",
                         "/api/v1/projects/ATC/revision"] {
                let response = try await app.send(.GET, path, headers: otto)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("statement"))
            }
            // A key of ATC asked for under OPS (where Lena is lead) is not found: every query filters by project.
            let lena = try await app.bearerHeaders("lena@example.com")
            #expect(try await app.send(.GET, "/api/v1/projects/OPS/artifacts/NOTE-001", headers: lena).status == .notFound)
        }
    }
}
