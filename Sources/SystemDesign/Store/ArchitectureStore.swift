import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Every write of architectures: create and edit while a draft, the review cycle (editors submit and withdraw,
/// leads approve and supersede), delete drafts. Each call is one `ArtifactWriter` transaction.
public enum ArchitectureStore {
    public struct Draft: Sendable, Equatable {
        public var title: String
        public var description: String
        /// Element keys.
        public var nodes: [String]

        public init(title: String, description: String = "", nodes: [String]) {
            self.title = title
            self.description = description
            self.nodes = nodes
        }
    }

    @discardableResult
    public static func create(_ context: ArtifactContext, draft: Draft, key: String? = nil) async throws -> Artifact {
        try context.requireRole(.editor, to: "create architectures")
        return try await context.write { writer in
            let db = writer.database
            let (draft, nodes) = try await checked(draft, context, on: db)
            let artifact = try await writer.create(kind: SystemDesignKinds.architecture.id, title: draft.title,
                                                   fields: fields(draft, status: .draft), key: key)
            let row = Architecture()
            row.id = try artifact.requireID()
            row.projectID = context.projectID
            row.status = .draft
            row.description = draft.description
            row.approvedBy = ""
            try await row.create(on: db)
            try await replaceNodes(of: row.id!, with: nodes, on: db)
            return artifact
        }
    }

    /// Saves title, description and nodes; only a draft changes (an approved architecture is a record: supersede
    /// it with a new one).
    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, draft: Draft) async throws -> Artifact {
        try context.requireRole(.editor, to: "edit architectures")
        return try await context.write { writer in
            let db = writer.database
            let (artifact, row) = try await live(id, context, on: db)
            guard row.status == .draft else {
                throw FieldsInvalid(field: "status", "\(artifact.key) is \(label(row.status)); only a draft changes "
                                    + (row.status == .inReview ? "(withdraw it from review first)" : "(create a new architecture instead)"))
            }
            let (draft, nodes) = try await checked(draft, context, on: db)
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title, fields: fields(draft, status: .draft))
            row.description = draft.description
            try await row.update(on: db)
            try await replaceNodes(of: id, with: nodes, on: db)
            return saved
        }
    }

    /// Moves an architecture through its review cycle: draft → in review (editors), in review → draft (editors),
    /// in review → approved (leads; who, when and which version are kept), approved → superseded (leads).
    @discardableResult
    public static func transition(_ context: ArtifactContext, id: UUID, expectedVersion: Int, to target: Architecture.Status)
        async throws -> Artifact
    {
        try context.requireRole(.editor, to: "change an architecture's status")
        return try await context.write { writer in
            let db = writer.database
            let (artifact, row) = try await live(id, context, on: db)
            let allowed: [Architecture.Status: [(Architecture.Status, ProjectRole)]] = [
                .draft: [(.inReview, .editor)], .inReview: [(.draft, .editor), (.approved, .lead)], .approved: [(.superseded, .lead)],
            ]
            guard let rule = allowed[row.status]?.first(where: { $0.0 == target }) else {
                throw FieldsInvalid(field: "status", "\(artifact.key) is \(label(row.status)); it cannot become \(label(target))")
            }
            try context.requireRole(rule.1, to: "make an architecture \(label(target))")
            let current = try await ArtifactQueries.version(id, artifact.version, on: db).fields()
            var fields = current
            fields["status"] = .string(target.rawValue)
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: artifact.title, fields: fields)
            row.status = target
            if target == .approved {
                row.approvedBy = context.actor.label
                row.approvedAt = context.now
                row.approvedVersion = saved.version
            }
            try await row.update(on: db)
            return saved
        }
    }

    /// Deletes a draft; architectures that went through review stay on record.
    public static func delete(_ context: ArtifactContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete architectures")
        try await context.write { writer in
            let (artifact, row) = try await live(id, context, on: writer.database)
            guard row.status == .draft else {
                throw FieldsInvalid(field: "status", "\(artifact.key) is \(label(row.status)); only drafts can be deleted")
            }
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await row.delete(on: writer.database)
        }
    }

    public static func label(_ status: Architecture.Status) -> String {
        status == .inReview ? "in review" : status.rawValue
    }

    // MARK: helpers

    static func fields(_ draft: Draft, status: Architecture.Status) -> ArtifactFields {
        ["description": .string(draft.description), "status": .string(status.rawValue), "nodes": .list(draft.nodes.sorted())]
    }

    /// Trimmed, with every node a live element of the project (unknown keys named at once), no node twice.
    static func checked(_ draft: Draft, _ context: ArtifactContext, on db: any Database) async throws -> (Draft, [UUID]) {
        var draft = draft
        draft.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
        var keys: [String] = []
        for key in draft.nodes.map({ $0.trimmingCharacters(in: .whitespaces) }) where !key.isEmpty && !keys.contains(key) { keys.append(key) }
        draft.nodes = keys
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        if draft.description.count > 20_000 {
            errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters"))
        }
        let elements = try await SystemElementQueries.all(projectID: context.projectID, on: db)
        let byKey = Dictionary(elements.map { ($0.key, $0.id) }, uniquingKeysWith: { a, _ in a })
        let unknown = keys.filter { byKey[$0] == nil }
        if !unknown.isEmpty {
            errors.append(.init(field: "nodes", reason: "no element of this project has the key\(unknown.count == 1 ? "" : "s") "
                                + unknown.joined(separator: ", ")))
        }
        if keys.isEmpty { errors.append(.init(field: "nodes", reason: "an architecture needs at least one element")) }
        if keys.count > 500 { errors.append(.init(field: "nodes", reason: "an architecture has at most 500 elements")) }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return (draft, keys.compactMap { byKey[$0] })
    }

    static func replaceNodes(of id: UUID, with elements: [UUID], on db: any Database) async throws {
        try await ArchitectureNode.query(on: db).filter(\.$architectureID == id).delete()
        for element in elements {
            let node = ArchitectureNode()
            node.architectureID = id
            node.elementID = element
            try await node.create(on: db)
        }
    }

    static func live(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> (Artifact, Architecture) {
        guard let artifact = try await Artifact.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID)
            .filter(\.$deletedAt == nil).first(),
            let row = try await Architecture.find(id, on: db)
        else { throw Abort(.notFound, reason: "There is no such architecture in this project.") }
        return (artifact, row)
    }
}
