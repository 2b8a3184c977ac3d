import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Every write of the element tree: create, edit, move (with cycle refusal), delete, and the project's levels.
/// Each call is one transaction through `ArtifactWriter`, so the artifact version, the tree row and the audit
/// rows commit or roll back together.
public enum SystemElementStore {
    @discardableResult
    public static func create(_ context: ArtifactContext, draft: ElementDraft, parentID: UUID?, key: String? = nil)
        async throws -> Artifact
    {
        try context.requireRole(.editor, to: "create system elements")
        return try await context.write { writer in
            try await insert(writer, draft: draft, parentID: parentID, key: key, context: context)
        }
    }

    /// The body of `create`, for callers already inside a write (the table import).
    static func insert(_ writer: ArtifactWriter, draft: ElementDraft, parentID: UUID?, key: String?,
                       context: ArtifactContext) async throws -> Artifact
    {
        let db = writer.database
        let settings = try await SystemDesignSettings.of(context.projectID, on: db)
        let draft = try draft.validated(levels: settings.levelList)
        if let key, !ArtifactKey.isValid(key) {
            throw FieldsInvalid(field: "key", "“\(key)” is not a valid key (letters, digits, - _ . only, at most 64)")
        }
        let parent = try await parentID.asyncMap { try await liveElement($0, context, on: db, field: "parent") }
        let owner = try await GovernanceQueries.organisationID(code: draft.owner, field: "owner", projectID: context.projectID, on: db)
        let artifact = try await writer.create(kind: SystemDesignKinds.element.id, title: draft.title,
                                               fields: draft.fields(parentKey: parent?.artifact.key), key: key)
        let row = SystemElement()
        row.id = try artifact.requireID()
        row.projectID = context.projectID
        row.parentID = parentID
        row.ownerOrgID = owner
        apply(draft, key: artifact.key, to: row)
        try await row.create(on: db)
        return artifact
    }

    /// Saves title, description, level and status. `expectedVersion` is the version the person edited.
    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, draft: ElementDraft)
        async throws -> Artifact
    {
        try context.requireRole(.editor, to: "edit system elements")
        return try await context.write { writer in
            try await save(writer, id: id, expectedVersion: expectedVersion, draft: draft, context: context)
        }
    }

    /// What a save does to the parent: keep it, or move under another element (nil: to the top).
    enum ParentChange: Sendable {
        case keep
        case set(UUID?)
    }

    static func save(_ writer: ArtifactWriter, id: UUID, expectedVersion: Int, draft: ElementDraft,
                     parent change: ParentChange = .keep, context: ArtifactContext) async throws -> Artifact
    {
        let db = writer.database
        let settings = try await SystemDesignSettings.of(context.projectID, on: db)
        let draft = try draft.validated(levels: settings.levelList)
        let (artifact, row) = try await liveElement(id, context, on: db)
        let owner = try await GovernanceQueries.organisationID(code: draft.owner, field: "owner", projectID: context.projectID, on: db)
        var parentID = row.parentID
        if case .set(let newParent) = change, newParent != row.parentID {
            try await checkMove(artifact, under: newParent, context: context, on: db)
            parentID = newParent
        }
        let parentKey = try await parentID.asyncMap { try await Artifact.find($0, on: db)?.key } ?? nil
        let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title,
                                            fields: draft.fields(parentKey: parentKey))
        apply(draft, key: saved.key, to: row)
        row.parentID = parentID
        row.ownerOrgID = owner
        try await row.update(on: db)
        return saved
    }

    /// Moves an element (with its subtree) under `parentID`, or to the top when nil. Refused when the new parent
    /// is the element itself or lies below it — the refusal names the chain.
    @discardableResult
    public static func move(_ context: ArtifactContext, id: UUID, expectedVersion: Int, under parentID: UUID?)
        async throws -> Artifact
    {
        try context.requireRole(.editor, to: "move system elements")
        return try await context.write { writer in
            let db = writer.database
            let (artifact, _) = try await liveElement(id, context, on: db)
            let fields = try await ArtifactQueries.version(id, artifact.version, on: db).fields()
            return try await save(writer, id: id, expectedVersion: expectedVersion,
                                  draft: ElementDraft(fields: fields, title: artifact.title), parent: .set(parentID),
                                  context: context)
        }
    }

    static func checkMove(_ artifact: Artifact, under parentID: UUID?, context: ArtifactContext, on db: any Database)
        async throws
    {
        let id = try artifact.requireID()
        let parent = try await parentID.asyncMap { try await liveElement($0, context, on: db, field: "parent") }
        let parents = try await SystemElementQueries.parents(projectID: context.projectID, on: db)
        switch ElementTree.moveProblem(id, under: parentID, parents: parents) {
        case .ownParent?:
            throw FieldsInvalid(field: "parent", "\(artifact.key) cannot be its own parent")
        case .cycle(let through)?:
            let chain = try await chainKeys(from: through, upTo: id, parents: parents, on: db)
            throw FieldsInvalid(field: "parent", "\(parent?.artifact.key ?? "?") lies below \(artifact.key) "
                                + "(\(chain.joined(separator: " → "))); moving there would make a cycle")
        case nil: break
        }
    }

    /// Deletes a leaf element (its history and key stay; its links go). An element with children is refused:
    /// deleting a whole subtree by accident is too easy to undo by hand.
    public static func delete(_ context: ArtifactContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete system elements")
        try await context.write { writer in
            let db = writer.database
            let (artifact, row) = try await liveElement(id, context, on: db)
            let children = try await SystemElement.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$parentID == id).count()
            guard children == 0 else {
                throw FieldsInvalid(field: "key", "\(artifact.key) has \(children) child element\(children == 1 ? "" : "s"); "
                                    + "move or delete them first")
            }
            if let named = try await ElementReferences.columns.describeUses(of: id, on: db) {
                throw FieldsInvalid(field: "key", "\(artifact.key) is still named by \(named); remove or reconnect them first")
            }
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await row.delete(on: db)
        }
    }

    /// Replaces the project's levels (leads). A level still used by an element cannot go.
    public static func saveLevels(_ context: ArtifactContext, levels: [String]) async throws {
        try context.requireRole(.lead, to: "change the element levels")
        let levels = levels.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
        var errors: [ProblemDetails.FieldError] = []
        if levels.isEmpty { errors.append(.init(field: "levels", reason: "keep at least one level")) }
        if levels.contains(where: { $0.count > 40 || !$0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " } }) {
            errors.append(.init(field: "levels", reason: "each level must be at most 40 letters, digits, spaces or -"))
        }
        if Set(levels).count != levels.count { errors.append(.init(field: "levels", reason: "the levels must be different")) }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        try await context.write { writer in
            let db = writer.database
            let settings = try await SystemDesignSettings.of(context.projectID, on: db)
            let before = settings.levelList
            let used = try await SystemElement.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$level !~ levels).all()
            if !used.isEmpty {
                let names = Set(used.map(\.level)).sorted()
                throw FieldsInvalid(field: "levels", "\(used.count) element\(used.count == 1 ? " is" : "s are") at the level "
                                    + names.map { "“\($0)”" }.joined(separator: ", ") + "; change them first")
            }
            settings.levels = levels.joined(separator: "\n")
            try await settings.save(on: db)
            try await AuditLog.record(
                AuditEvent("system-design.levels-changed", kind: "system-design-settings", id: nil, key: nil,
                           project: context.projectID, before: ["levels": before.joined(separator: ", ")],
                           after: ["levels": levels.joined(separator: ", ")]),
                by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    static func apply(_ draft: ElementDraft, key: String, to row: SystemElement) {
        row.level = draft.level
        row.status = draft.status
        row.description = draft.description
        row.searchText = (key + " " + draft.title).lowercased()
    }

    /// The live element `id` of this project, or a refusal naming `field` (404 when it is the element itself).
    static func liveElement(_ id: UUID, _ context: ArtifactContext, on db: any Database, field: String? = nil)
        async throws -> (artifact: Artifact, row: SystemElement)
    {
        guard let artifact = try await Artifact.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID)
            .filter(\.$deletedAt == nil).filter(\.$kind == SystemDesignKinds.element.id).first(),
            let row = try await SystemElement.find(id, on: db)
        else {
            if let field { throw FieldsInvalid(field: field, "there is no such system element in this project") }
            throw Abort(.notFound, reason: "There is no such system element in this project.")
        }
        return (artifact, row)
    }

    /// Keys from `start` up to `goal` (the chain that a refused move would close).
    static func chainKeys(from start: UUID, upTo goal: UUID, parents: [UUID: UUID], on db: any Database) async throws -> [String] {
        var chain = [start]
        var current = parents[start]
        while let node = current, chain.count < 100 {
            chain.append(node)
            if node == goal { break }
            current = parents[node]
        }
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ chain).all()
        let keys = Dictionary(artifacts.compactMap { a in a.id.map { ($0, a.key) } }, uniquingKeysWith: { a, _ in a })
        return chain.reversed().compactMap { keys[$0] }
    }
}
