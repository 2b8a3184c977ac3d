import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Test sets: an ordered list of cases. The order and membership are part of the set's version (`cases`).
public enum SetStore {
    public struct Draft: Sendable, Equatable {
        public var title: String
        public var purpose: String
        public var description: String
        /// Case keys in order.
        public var cases: [String]
        public init(title: String, purpose: String = "campaign", description: String = "", cases: [String] = []) {
            self.title = title
            self.purpose = purpose
            self.description = description
            self.cases = cases
        }
    }

    public static let purposes = ["campaign", "regression", "smoke", "acceptance", "other"]

    @discardableResult
    public static func create(_ context: ArtifactContext, _ draft: Draft) async throws -> Artifact {
        try context.requireRole(.editor, to: "create test sets")
        return try await context.write { writer in
            let db = writer.database
            let (draft, caseIDs) = try await validated(draft, context, on: db)
            let artifact = try await writer.create(kind: VerificationKinds.testSet.id, title: draft.title, fields: fields(draft))
            let set = TestSet()
            set.id = try artifact.requireID()
            set.projectID = context.projectID
            set.purpose = draft.purpose
            set.description = draft.description
            try await set.create(on: db)
            try await replaceMembers(set.id!, caseIDs, on: db)
            return artifact
        }
    }

    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, _ draft: Draft) async throws -> Artifact {
        try context.requireRole(.editor, to: "edit test sets")
        return try await context.write { writer in
            let db = writer.database
            guard let set = try await TestSet.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
            else { throw Abort(.notFound, reason: "There is no such test set in this project.") }
            let (draft, caseIDs) = try await validated(draft, context, on: db)
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title, fields: fields(draft))
            set.purpose = draft.purpose
            set.description = draft.description
            try await set.update(on: db)
            try await replaceMembers(id, caseIDs, on: db)
            return saved
        }
    }

    /// The set's cases in order (live ones).
    public static func members(of setID: UUID, on db: any Database) async throws -> [Artifact] {
        let members = try await TestSetMember.query(on: db).filter(\.$setID == setID).sort(\.$position).all()
        let artifacts = try await Artifact.query(on: db).filter(\.$id ~~ members.map(\.caseID)).filter(\.$deletedAt == nil).all()
        let byID = Dictionary(artifacts.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return members.compactMap { byID[$0.caseID] }
    }

    static func replaceMembers(_ setID: UUID, _ caseIDs: [UUID], on db: any Database) async throws {
        try await TestSetMember.query(on: db).filter(\.$setID == setID).delete()
        for (index, caseID) in caseIDs.enumerated() {
            let member = TestSetMember()
            member.setID = setID
            member.caseID = caseID
            member.position = index + 1
            try await member.create(on: db)
        }
    }

    static func validated(_ draft: Draft, _ context: ArtifactContext, on db: any Database) async throws -> (Draft, [UUID]) {
        var draft = draft
        draft.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.purpose = draft.purpose.trimmingCharacters(in: .whitespaces).lowercased()
        var keys: [String] = []
        for key in draft.cases.map({ $0.trimmingCharacters(in: .whitespaces) }) where !key.isEmpty && !keys.contains(key) { keys.append(key) }
        draft.cases = keys
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        if !purposes.contains(draft.purpose) { errors.append(.init(field: "purpose", reason: "the purpose must be one of \(purposes.joined(separator: ", "))")) }
        if draft.description.count > 20_000 { errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters")) }
        let rows = keys.isEmpty ? [] : try await Artifact.query(on: db).filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil)
            .filter(\.$kind == VerificationKinds.testCase.id).filter(\.$key ~~ keys).all()
        let byKey = Dictionary(rows.map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let unknown = keys.filter { byKey[$0] == nil }
        if !unknown.isEmpty {
            errors.append(.init(field: "cases", reason: "no test case of this project has the key\(unknown.count == 1 ? "" : "s") " + unknown.joined(separator: ", ")))
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return (draft, keys.map { byKey[$0]! })
    }

    static func fields(_ draft: Draft) -> ArtifactFields {
        ["purpose": .string(draft.purpose), "description": .string(draft.description), "cases": .list(draft.cases)]
    }
}
