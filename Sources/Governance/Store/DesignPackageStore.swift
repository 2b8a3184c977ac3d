import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Every write of design packages and their contents, each one `ArtifactWriter` transaction.
public enum DesignPackageStore {
    @discardableResult
    public static func create(_ context: ArtifactContext, draft: PackageDraft, key: String? = nil) async throws -> Artifact {
        try context.requireRole(.editor, to: "create design packages")
        let draft = try draft.validated()
        return try await context.write { writer in
            let db = writer.database
            let (owner, phase) = try await references(draft, context, on: db)
            let artifact = try await writer.create(kind: GovernanceKinds.package.id, title: draft.title,
                                                   fields: draft.fields(ownerCode: owner, phaseName: phase), key: key)
            let row = DesignPackage()
            row.id = try artifact.requireID()
            row.projectID = context.projectID
            apply(draft, to: row)
            try await row.create(on: db)
            return artifact
        }
    }

    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, draft: PackageDraft) async throws -> Artifact {
        try context.requireRole(.editor, to: "edit design packages")
        let draft = try draft.validated()
        return try await context.write { writer in
            let db = writer.database
            let row = try await livePackage(id, context, on: db)
            let (owner, phase) = try await references(draft, context, on: db)
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title,
                                                fields: draft.fields(ownerCode: owner, phaseName: phase))
            apply(draft, to: row)
            try await row.update(on: db)
            return saved
        }
    }

    /// Deletes a package; its contents stay (only the `in-package` links go).
    public static func delete(_ context: ArtifactContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete design packages")
        try await context.write { writer in
            let row = try await livePackage(id, context, on: writer.database)
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await row.delete(on: writer.database)
        }
    }

    /// Puts the artifact with `key` (an element or an interface) into the package.
    @discardableResult
    public static func include(_ context: ArtifactContext, packageID: UUID, key: String) async throws -> ArtifactLink {
        try context.requireRole(.editor, to: "change design packages")
        let key = key.trimmingCharacters(in: .whitespaces)
        return try await context.write { writer in
            let db = writer.database
            _ = try await livePackage(packageID, context, on: db)
            guard !key.isEmpty, let artifact = try await Artifact.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$key == key).filter(\.$deletedAt == nil).first()
            else { throw FieldsInvalid(field: "key", "there is no artifact “\(key)” in this project") }
            let allowed = context.registry.linkKind(GovernanceKinds.inPackage.id)?.pairs.filter { $0.target == GovernanceKinds.package.id }
                .map(\.source).sorted() ?? []
            guard allowed.contains(artifact.kind) else {
                throw FieldsInvalid(field: "key", "\(key) is a \(context.registry.kind(artifact.kind)?.label.lowercased() ?? artifact.kind); "
                                    + "a design package holds \(allowed.compactMap { context.registry.kind($0).map { $0.label.lowercased() + "s" } }.joined(separator: " and "))")
            }
            do {
                return try await writer.link(GovernanceKinds.inPackage.id, from: try artifact.requireID(), to: packageID)
            } catch let refusal as ArtifactRefusal {
                throw FieldsInvalid(field: "key", refusal.reason)
            }
        }
    }

    /// Takes an artifact out of the package (the `in-package` link named by id).
    public static func exclude(_ context: ArtifactContext, packageID: UUID, linkID: UUID) async throws {
        try context.requireRole(.editor, to: "change design packages")
        try await context.write { writer in
            guard try await ArtifactLink.query(on: writer.database).filter(\.$id == linkID).filter(\.$projectID == context.projectID)
                .filter(\.$kind == GovernanceKinds.inPackage.id).filter(\.$targetID == packageID).first() != nil
            else { throw Abort(.notFound, reason: "That is not in this design package.") }
            try await writer.unlink(linkID)
        }
    }

    // MARK: helpers

    static func apply(_ draft: PackageDraft, to row: DesignPackage) {
        row.ownerOrgID = draft.ownerOrgID
        row.phaseID = draft.phaseID
        row.status = draft.status
        row.description = draft.description
    }

    /// Owner code and phase name ("" when none), refusing ones of another project.
    static func references(_ draft: PackageDraft, _ context: ArtifactContext, on db: any Database) async throws -> (String, String) {
        var owner = "", phase = ""
        if let id = draft.ownerOrgID {
            guard let org = try await DeliveryOrganisation.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
            else { throw FieldsInvalid(field: "owner", "there is no such delivery organisation in this project") }
            owner = org.code
        }
        if let id = draft.phaseID {
            guard let row = try await Phase.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
            else { throw FieldsInvalid(field: "phase", "there is no such phase in this project") }
            phase = row.name
        }
        return (owner, phase)
    }

    static func livePackage(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> DesignPackage {
        guard let row = try await DesignPackage.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such design package in this project.") }
        return row
    }
}
