import Artifacts
import Fluent
import Foundation
import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// A project's own trigger fields per kind, on both databases: they decide what turns links suspect, changing
/// them turns nothing suspect, and only leads change them.
@Suite struct TriggerFieldTests {
    @Test(arguments: TestDatabase.all)
    func theChosenFieldsDecideWhatTurnsLinksSuspect(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: { TestKinds.register(on: $0) }) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let atc = try await app.makeProject("ATC", lead: lena)
            let ops = try await app.makeProject("OPS", lead: lena)
            func write<T: Sendable>(_ project: Project, _ body: @escaping @Sendable (ArtifactWriter) async throws -> T) async throws -> T {
                try await ArtifactWriter.transaction(on: app.db, projectID: try project.requireID(), registry: app.artifactRegistry,
                                                     actor: AuditActor(userID: nil, label: "lena@example.com"), now: app.clock.now(), body)
            }
            let (parent, child, link) = try await write(atc) { writer in
                let parent = try await writer.create(kind: "test-note", title: "Parent", fields: ["statement": .string("Detect."), "priority": .int(1)])
                let child = try await writer.create(kind: "test-note", title: "Child", fields: ["statement": .string("Track."), "priority": .int(1)])
                let link = try await writer.link("test-derives-from", from: try child.requireID(), to: try parent.requireID())
                return (try parent.requireID(), try child.requireID(), try link.requireID())
            }
            func suspect() async throws -> Bool { try #require(try await ArtifactLink.find(link, on: app.db)).suspect }

            // Choosing priority as well re-hashes both notes but turns nothing suspect.
            try await write(atc) { writer in try await writer.setTriggerFields(of: "test-note", to: ["title", "statement", "priority"]) }
            #expect(try await suspect() == false)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "artifact-kind.trigger-fields-changed").all()
            #expect(audit.count == 1 && audit.first?.details.contains("2 artifacts re-hashed") == true)
            try await write(atc) { writer in
                try await writer.update(parent, expectedVersion: 1, title: "Parent", fields: ["statement": .string("Detect."), "priority": .int(2)])
            }
            #expect(try await suspect() == true, "priority is a trigger now")
            try await write(atc) { writer in _ = try await writer.clearSuspect(link, reason: "Priority only") }

            // Only the statement: a title edit no longer turns the link suspect, a statement edit does.
            try await write(atc) { writer in try await writer.setTriggerFields(of: "test-note", to: ["statement"]) }
            #expect(try await suspect() == false)
            try await write(atc) { writer in
                try await writer.update(child, expectedVersion: 1, title: "Child renamed", fields: ["statement": .string("Track."), "priority": .int(1)])
            }
            #expect(try await suspect() == false)
            try await write(atc) { writer in
                try await writer.update(child, expectedVersion: 2, title: "Child renamed", fields: ["statement": .string("Track all."), "priority": .int(1)])
            }
            #expect(try await suspect() == true)

            // Another project keeps the default; bad choices are refused with the fields named.
            #expect(try await write(ops) { writer in try await writer.triggerFields(of: TestKinds.note) } == ["title", "statement"])
            let unknown = try await #require(throws: ArtifactRefusal.self) {
                try await write(atc) { writer in try await writer.setTriggerFields(of: "test-note", to: ["statement", "colour"]) }
            }
            #expect(unknown.reason == "note has no field colour (fields: title, statement, priority)")
            await #expect(throws: ArtifactRefusal.self) {
                try await write(atc) { writer in try await writer.setTriggerFields(of: "test-note", to: []) }
            }
            await #expect(throws: ArtifactRefusal.self) {
                try await write(atc) { writer in try await writer.setTriggerFields(of: "no-such-kind", to: ["title"]) }
            }
            // Back to the default: the setting row goes.
            try await write(atc) { writer in try await writer.setTriggerFields(of: "test-note", to: ["statement", "title"]) }
            #expect(try await TriggerFieldSetting.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func membersReadAndLeadsChooseThroughTheAPI(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false, routes: { TestKinds.register(on: $0) }) { app in
            let lena = try await app.makeUser("lena@example.com", name: "Lena")
            let vic = try await app.makeUser("vic@example.com", name: "Vic")
            let atc = try await app.makeProject("ATC", lead: lena)
            try await app.addMember(vic, to: atc, role: .editor)
            let lenaAPI = try await app.bearerHeaders("lena@example.com")
            let vicAPI = try await app.bearerHeaders("vic@example.com")
            var response = try await app.send(.GET, "/api/v1/projects/ATC/trigger-fields", headers: vicAPI)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""kind":"test-note""#) && response.text.contains(#""available_fields":["title","statement","priority"]"#))
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/trigger-fields/test-note", headers: vicAPI,
                                       body: #"{"fields":["statement"]}"#).status == .forbidden)
            response = try await app.send(.PUT, "/api/v1/projects/ATC/trigger-fields/test-note", headers: lenaAPI, body: #"{"fields":["size"]}"#)
            #expect(response.status == .unprocessableEntity && response.text.contains("note has no field size"))
            response = try await app.send(.PUT, "/api/v1/projects/ATC/trigger-fields/test-note", headers: lenaAPI,
                                          body: #"{"fields":["statement","priority"]}"#)
            #expect(response.status == .ok && response.text.contains(#""fields":["statement","priority"]"#))
            #expect(response.text.contains(#""default_fields":["title","statement"]"#))
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/trigger-fields/nothing", headers: lenaAPI,
                                       body: #"{"fields":["title"]}"#).status == .notFound)
        }
    }
}
