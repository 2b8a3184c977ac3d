import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import SystemDesign
import Vapor

/// Every write of interfaces: create, edit, delete, and the project's interface types. Each call is one
/// transaction through `ArtifactWriter`, so the artifact version, the interface row and the audit rows commit or
/// roll back together.
public enum InterfaceStore {
    @discardableResult
    public static func create(_ context: ArtifactContext, draft: InterfaceDraft, key: String? = nil) async throws -> Artifact {
        try context.requireRole(.editor, to: "create interfaces")
        return try await context.write { writer in
            let db = writer.database
            let types = try await InterfaceSettings.of(context.projectID, on: db).typeList
            let draft = try draft.validated(types: types)
            let (a, b) = try await ends(draft, context, on: db)
            let orgs = try await organisations(draft, except: nil, context, on: db)
            let artifact = try await writer.create(kind: InterfaceKinds.interface.id, title: draft.title,
                                                   fields: draft.fields(sideAKey: a.key, sideBKey: b.key), key: key)
            let row = SystemInterface()
            row.id = try artifact.requireID()
            row.projectID = context.projectID
            apply(draft, key: artifact.key, to: row)
            apply(orgs, draft, to: row)
            try await row.create(on: db)
            return artifact
        }
    }

    /// Saves a new version. `expectedVersion` is the version the person edited.
    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, draft: InterfaceDraft) async throws
        -> Artifact
    {
        try context.requireRole(.editor, to: "edit interfaces")
        return try await context.write { writer in
            let db = writer.database
            let row = try await liveInterface(id, context, on: db)
            let types = try await InterfaceSettings.of(context.projectID, on: db).typeList
            let draft = try draft.validated(types: types + [row.type])  // a type removed since may stay on old interfaces
            let (a, b) = try await ends(draft, context, on: db)
            let orgs = try await organisations(draft, except: id, context, on: db)
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title,
                                                fields: draft.fields(sideAKey: a.key, sideBKey: b.key))
            apply(draft, key: saved.key, to: row)
            apply(orgs, draft, to: row)
            try await row.update(on: db)
            return saved
        }
    }

    public static func delete(_ context: ArtifactContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete interfaces")
        try await context.write { writer in
            let row = try await liveInterface(id, context, on: writer.database)
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await row.delete(on: writer.database)
        }
    }

    /// Replaces the project's interface types (leads). A type still used by an interface cannot go.
    public static func saveTypes(_ context: ArtifactContext, types: [String]) async throws {
        try context.requireRole(.lead, to: "change the interface types")
        let types = types.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
        var errors: [ProblemDetails.FieldError] = []
        if types.isEmpty { errors.append(.init(field: "types", reason: "keep at least one interface type")) }
        if types.contains(where: { $0.count > 40 || !$0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " } }) {
            errors.append(.init(field: "types", reason: "each type must be at most 40 letters, digits, spaces or -"))
        }
        if Set(types).count != types.count { errors.append(.init(field: "types", reason: "the types must be different")) }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        try await context.write { writer in
            let db = writer.database
            let settings = try await InterfaceSettings.of(context.projectID, on: db)
            let before = settings.typeList
            let used = try await SystemInterface.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$type !~ types).all()
            if !used.isEmpty {
                let names = Set(used.map(\.type)).sorted()
                throw FieldsInvalid(field: "types", "\(used.count) interface\(used.count == 1 ? " is" : "s are") of the type "
                                    + names.map { "“\($0)”" }.joined(separator: ", ") + "; change them first")
            }
            settings.types = types.joined(separator: "\n")
            try await settings.save(on: db)
            try await AuditLog.record(
                AuditEvent("interfaces.types-changed", kind: "interface-settings", project: context.projectID,
                           before: ["types": before.joined(separator: ", ")], after: ["types": types.joined(separator: ", ")]),
                by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    static func apply(_ draft: InterfaceDraft, key: String, to row: SystemInterface) {
        row.sideAID = draft.sideA!
        row.sideBID = draft.sideB!
        row.type = draft.type
        row.direction = draft.direction
        row.medium = draft.medium
        row.status = draft.status
        row.description = draft.description
        row.searchText = (key + " " + draft.title).lowercased()
    }

    /// Owner and side organisations by code, checked in the project with the project interface id's uniqueness;
    /// every problem named at once.
    static func organisations(_ draft: InterfaceDraft, except id: UUID?, _ context: ArtifactContext, on db: any Database) async throws
        -> (owner: UUID?, sideA: UUID?, sideB: UUID?)
    {
        var errors: [ProblemDetails.FieldError] = []
        func org(_ code: String, _ field: String) async throws -> UUID? {
            do { return try await GovernanceQueries.organisationID(code: code, field: field, projectID: context.projectID, on: db) } catch let invalid as FieldsInvalid {
                errors += invalid.errors
                return nil
            }
        }
        let result = (try await org(draft.owner, "owner"), try await org(draft.sideAOrg, "side_a_org"), try await org(draft.sideBOrg, "side_b_org"))
        if !draft.projectInterfaceID.isEmpty {
            var same = SystemInterface.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$projectInterfaceID == draft.projectInterfaceID)
            if let id { same = same.filter(\.$id != id) }
            if let other = try await same.first(), let artifact = try await Artifact.find(other.id, on: db) {
                errors.append(.init(field: "interface_id", reason: "\(artifact.key) already has the project interface id “\(draft.projectInterfaceID)”"))
            }
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return result
    }

    static func apply(_ orgs: (owner: UUID?, sideA: UUID?, sideB: UUID?), _ draft: InterfaceDraft, to row: SystemInterface) {
        row.ownerOrgID = orgs.owner
        row.sideAOrgID = orgs.sideA
        row.sideBOrgID = orgs.sideB
        row.projectInterfaceID = draft.projectInterfaceID.isEmpty ? nil : draft.projectInterfaceID
    }

    /// The two ends as live elements of this project, or a refusal naming the side.
    static func ends(_ draft: InterfaceDraft, _ context: ArtifactContext, on db: any Database) async throws -> (Artifact, Artifact) {
        func element(_ id: UUID?, _ field: String) async throws -> Artifact {
            guard let id, let artifact = try await Artifact.query(on: db).filter(\.$id == id)
                .filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil)
                .filter(\.$kind == SystemDesignKinds.element.id).first()
            else { throw FieldsInvalid(field: field, "there is no such system element in this project") }
            return artifact
        }
        return (try await element(draft.sideA, "side_a"), try await element(draft.sideB, "side_b"))
    }

    static func liveInterface(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> SystemInterface {
        guard let row = try await SystemInterface.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such interface in this project.") }
        return row
    }
}
