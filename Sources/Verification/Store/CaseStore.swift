import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// Every write of test cases. Each call is one transaction through `ArtifactWriter`: the version, the case row,
/// its `verifies` links and the audit rows commit or roll back together.
public enum CaseStore {
    @discardableResult
    public static func create(_ context: ArtifactContext, draft: CaseDraft, key: String? = nil) async throws -> Artifact {
        try context.requireRole(.editor, to: "create test cases")
        return try await context.write { writer in try await create(writer, context, draft: draft, key: key, automationID: nil) }
    }

    /// Inside a caller's writer (CI ingestion creates automated cases in its own transaction).
    static func create(_ writer: ArtifactWriter, _ context: ArtifactContext, draft: CaseDraft, key: String?, automationID: String?)
        async throws -> Artifact
    {
        let draft = try draft.validated()
        let requirements = try await requirementIDs(draft.verifies ?? [], context, on: writer.database)
        let artifact = try await writer.create(kind: VerificationKinds.testCase.id, title: draft.title,
                                               fields: draft.fields(automationID: automationID), key: key)
        let row = TestCase()
        row.id = try artifact.requireID()
        row.projectID = context.projectID
        row.automated = automationID != nil
        row.automationID = automationID
        apply(draft, key: artifact.key, to: row)
        try await row.create(on: writer.database)
        for requirement in requirements { try await writer.link(VerificationKinds.verifies.id, from: row.id!, to: requirement) }
        return artifact
    }

    /// Automated cases for CI tests, many at once (`ArtifactWriter.createMany`): each named after its test, ready, a test,
    /// verifying the requirements given by id.
    static func createAutomated(_ writer: ArtifactWriter, _ context: ArtifactContext,
                                _ entries: [(testName: String, title: String, requirements: [UUID])]) async throws -> [UUID]
    {
        let drafts = try entries.map { try CaseDraft(title: $0.title, method: .test, status: .ready).validated() }
        let artifacts = try await writer.createMany(kind: VerificationKinds.testCase.id,
                                                    drafts.indices.map { (drafts[$0].title, drafts[$0].fields(automationID: entries[$0].testName)) })
        let sql = writer.database as! any SQLDatabase
        for start in stride(from: 0, to: artifacts.count, by: 300) {
            let rows = sql.insert(into: TestCase.schema).columns(
                "artifact_id", "project_id", "method", "status", "preconditions", "environment", "steps", "automated", "automation_id", "search_text")
            for index in start..<min(start + 300, artifacts.count) {
                let draft = drafts[index]
                rows.values(SQLBind(artifacts[index].id!), SQLBind(context.projectID), SQLBind(draft.method.rawValue), SQLBind(draft.status.rawValue),
                            SQLBind(""), SQLBind(""), SQLBind(draft.stepsJSON), SQLBind(true), SQLBind(entries[index].testName),
                            SQLBind((artifacts[index].key + " " + draft.title).lowercased()))
            }
            try await rows.run()
        }
        try await writer.linkMany(VerificationKinds.verifies.id, artifacts.indices.flatMap { index in
            entries[index].requirements.map { (source: artifacts[index].id!, target: $0) }
        })
        return artifacts.map { $0.id! }
    }

    /// Saves a new version. `expectedVersion` is the version the person edited.
    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, draft: CaseDraft) async throws -> Artifact {
        try context.requireRole(.editor, to: "edit test cases")
        return try await context.write { writer in
            let db = writer.database
            let row = try await liveCase(id, context, on: db)
            let draft = try draft.validated()
            let requirements = try await draft.verifies.asyncMap { try await requirementIDs($0, context, on: db) }
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title,
                                                fields: draft.fields(automationID: row.automationID))
            apply(draft, key: saved.key, to: row)
            try await row.update(on: db)
            if let requirements { try await setVerifies(id, to: requirements, writer) }
            return saved
        }
    }

    public static func delete(_ context: ArtifactContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete test cases")
        try await context.write { writer in
            let row = try await liveCase(id, context, on: writer.database)
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await TestSetMember.query(on: writer.database).filter(\.$caseID == id).delete()
            try await JUnitMapping.query(on: writer.database).filter(\.$caseID == id).delete()
            try await row.delete(on: writer.database)
        }
    }

    // MARK: helpers

    static func apply(_ draft: CaseDraft, key: String, to row: TestCase) {
        row.method = draft.method
        row.status = draft.status
        row.preconditions = draft.preconditions
        row.environment = draft.environment
        row.steps = draft.stepsJSON
        row.searchText = (key + " " + draft.title).lowercased()
    }

    /// Adds and removes `verifies` links so the case verifies exactly `requirements`.
    static func setVerifies(_ caseID: UUID, to requirements: [UUID], _ writer: ArtifactWriter) async throws {
        let links = try await ArtifactLink.query(on: writer.database).filter(\.$sourceID == caseID)
            .filter(\.$kind == VerificationKinds.verifies.id).all()
        for link in links where !requirements.contains(link.targetID) { try await writer.unlink(try link.requireID()) }
        let existing = Set(links.map(\.targetID))
        for requirement in requirements where !existing.contains(requirement) {
            try await writer.link(VerificationKinds.verifies.id, from: caseID, to: requirement)
        }
    }

    /// Live requirements of the project by key, or one refusal naming every unknown key.
    static func requirementIDs(_ keys: [String], _ context: ArtifactContext, on db: any Database) async throws -> [UUID] {
        guard !keys.isEmpty else { return [] }
        let rows = try await Artifact.query(on: db).filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil)
            .filter(\.$kind == "requirement").filter(\.$key ~~ keys).all()
        let byKey = Dictionary(rows.map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let unknown = keys.filter { byKey[$0] == nil }
        guard unknown.isEmpty else {
            throw FieldsInvalid(field: "verifies", "no requirement of this project has the key\(unknown.count == 1 ? "" : "s") "
                                + unknown.joined(separator: ", "))
        }
        return keys.map { byKey[$0]! }
    }

    static func liveCase(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> TestCase {
        guard let row = try await TestCase.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such test case in this project.") }
        return row
    }
}
