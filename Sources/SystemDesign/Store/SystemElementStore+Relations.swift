import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

extension SystemElementStore {
    /// Relates two elements with one of the element relation kinds (`SystemDesignKinds.relationKinds`); the
    /// artifact core refuses duplicates and, for `depends-on`, cycles.
    @discardableResult
    public static func relate(_ context: ArtifactContext, kind: String, from sourceID: UUID, to targetKey: String)
        async throws -> ArtifactLink
    {
        try context.requireRole(.editor, to: "relate system elements")
        guard SystemDesignKinds.relationKinds.contains(where: { $0.id == kind }) else {
            throw FieldsInvalid(field: "kind", "“\(kind)” is not an element relation (\(SystemDesignKinds.relationKinds.map(\.id).joined(separator: ", ")))")
        }
        return try await context.write { writer in
            let db = writer.database
            _ = try await liveElement(sourceID, context, on: db)
            guard let target = try await SystemElementQueries.element(key: targetKey.trimmingCharacters(in: .whitespaces),
                                                                     projectID: context.projectID, on: db)
            else { throw FieldsInvalid(field: "target", "there is no element “\(targetKey)” in this project") }
            do {
                return try await writer.link(kind, from: sourceID, to: target.id)
            } catch let refusal as ArtifactRefusal {
                throw FieldsInvalid(field: refusal.field, refusal.reason)
            }
        }
    }

    /// Removes a relation between elements; other links (allocations, verifications) are not this page's to remove.
    public static func unrelate(_ context: ArtifactContext, linkID: UUID) async throws {
        try context.requireRole(.editor, to: "remove element relations")
        try await context.write { writer in
            guard let link = try await ArtifactLink.query(on: writer.database).filter(\.$id == linkID)
                .filter(\.$projectID == context.projectID).first(),
                SystemDesignKinds.relationKinds.contains(where: { $0.id == link.kind })
            else { throw Abort(.notFound, reason: "There is no such element relation in this project.") }
            try await writer.unlink(linkID)
        }
    }
}
