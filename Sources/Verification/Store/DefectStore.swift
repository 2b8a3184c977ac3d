import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Defects: artifacts linked (`concerns`) to requirements and cases, and to the results that show them.
public enum DefectStore {
    public struct Draft: Sendable, Equatable {
        public var title: String
        public var severity: Defect.Severity
        public var status: Defect.Status
        public var description: String
        /// Keys of requirements and cases it concerns; nil leaves the links alone.
        public var concerns: [String]?
        public init(title: String, severity: Defect.Severity = .major, status: Defect.Status = .open, description: String = "",
                    concerns: [String]? = nil)
        {
            self.title = title
            self.severity = severity
            self.status = status
            self.description = description
            self.concerns = concerns
        }
    }

    /// Creates a defect, optionally from a result (it then concerns the result's case and the requirements it verifies).
    @discardableResult
    public static func create(_ context: ArtifactContext, _ draft: Draft, fromResult resultID: UUID? = nil) async throws -> Artifact {
        try context.requireRole(.editor, to: "report defects")
        return try await context.write { writer in
            let db = writer.database
            var draft = try validated(draft)
            var result: TestResult?
            if let resultID {
                guard let found = try await TestResult.query(on: db).filter(\.$id == resultID).filter(\.$projectID == context.projectID).first()
                else { throw Abort(.notFound, reason: "There is no such test result in this project.") }
                result = found
                if draft.concerns == nil, let caseID = found.caseID {
                    let caseKey = try await Artifact.find(caseID, on: db)?.key
                    let requirementIDs = try await ArtifactLink.query(on: db).filter(\.$sourceID == caseID)
                        .filter(\.$kind == VerificationKinds.verifies.id).all().map(\.targetID)
                    let requirementKeys = try await Artifact.query(on: db).filter(\.$id ~~ requirementIDs).filter(\.$deletedAt == nil).all().map(\.key).sorted()
                    draft.concerns = (caseKey.map { [$0] } ?? []) + requirementKeys
                }
            }
            let targets = try await concernIDs(draft.concerns ?? [], context, on: db)
            let artifact = try await writer.create(kind: VerificationKinds.defect.id, title: draft.title, fields: fields(draft))
            let defect = Defect()
            defect.id = try artifact.requireID()
            defect.projectID = context.projectID
            apply(draft, key: artifact.key, to: defect)
            try await defect.create(on: db)
            for target in targets { try await writer.link(VerificationKinds.concerns.id, from: defect.id!, to: target) }
            if let result { try await linkResult(defect.id!, result.id!, on: db) }
            return artifact
        }
    }

    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, _ draft: Draft) async throws -> Artifact {
        try context.requireRole(.editor, to: "edit defects")
        return try await context.write { writer in
            let db = writer.database
            let defect = try await find(id, context, on: db)
            let draft = try validated(draft)
            let targets = try await draft.concerns.asyncMap { try await concernIDs($0, context, on: db) }
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title, fields: fields(draft))
            apply(draft, key: saved.key, to: defect)
            try await defect.update(on: db)
            if let targets {
                let links = try await ArtifactLink.query(on: db).filter(\.$sourceID == id).filter(\.$kind == VerificationKinds.concerns.id).all()
                for link in links where !targets.contains(link.targetID) { try await writer.unlink(try link.requireID()) }
                let existing = Set(links.map(\.targetID))
                for target in targets where !existing.contains(target) { try await writer.link(VerificationKinds.concerns.id, from: id, to: target) }
            }
            return saved
        }
    }

    /// Records that `resultID` shows the defect.
    public static func addResult(_ context: ArtifactContext, defectID: UUID, resultID: UUID) async throws {
        try context.requireRole(.editor, to: "link defects to results")
        try await context.write { writer in
            let db = writer.database
            let defect = try await find(defectID, context, on: db)
            guard try await TestResult.query(on: db).filter(\.$id == resultID).filter(\.$projectID == context.projectID).first() != nil
            else { throw FieldsInvalid(field: "result", "there is no such test result in this project") }
            try await linkResult(defect.id!, resultID, on: db)
            try await AuditLog.record(AuditEvent("defect.result-linked", kind: VerificationKinds.defect.id, id: defectID.uuidString,
                                                 project: context.projectID, after: ["result": resultID.uuidString.lowercased()]),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    static func linkResult(_ defectID: UUID, _ resultID: UUID, on db: any Database) async throws {
        guard try await DefectResult.query(on: db).filter(\.$defectID == defectID).filter(\.$resultID == resultID).first() == nil else { return }
        let row = DefectResult()
        row.defectID = defectID
        row.resultID = resultID
        try await row.create(on: db)
    }

    static func validated(_ draft: Draft) throws -> Draft {
        var draft = draft
        draft.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        if draft.description.count > 20_000 { errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters")) }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return draft
    }

    static func concernIDs(_ keys: [String], _ context: ArtifactContext, on db: any Database) async throws -> [UUID] {
        var unique: [String] = []
        for key in keys.map({ $0.trimmingCharacters(in: .whitespaces) }) where !key.isEmpty && !unique.contains(key) { unique.append(key) }
        guard !unique.isEmpty else { return [] }
        let rows = try await Artifact.query(on: db).filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil)
            .filter(\.$kind ~~ ["requirement", VerificationKinds.testCase.id]).filter(\.$key ~~ unique).all()
        let byKey = Dictionary(rows.map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let unknown = unique.filter { byKey[$0] == nil }
        guard unknown.isEmpty else {
            throw FieldsInvalid(field: "concerns", "no requirement or test case of this project has the key\(unknown.count == 1 ? "" : "s") "
                                + unknown.joined(separator: ", "))
        }
        return unique.map { byKey[$0]! }
    }

    static func fields(_ draft: Draft) -> ArtifactFields {
        ["severity": .string(draft.severity.rawValue), "status": .string(draft.status.rawValue), "description": .string(draft.description)]
    }

    static func apply(_ draft: Draft, key: String, to defect: Defect) {
        defect.severity = draft.severity
        defect.status = draft.status
        defect.description = draft.description
        defect.searchText = (key + " " + draft.title).lowercased()
    }

    static func find(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> Defect {
        guard let defect = try await Defect.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such defect in this project.") }
        return defect
    }
}
