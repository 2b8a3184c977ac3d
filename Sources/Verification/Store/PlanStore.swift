import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import Vapor

/// Verification plans and their activities. Plans are artifacts (versioned, audited); activities are the plan's
/// rows, audited as plan changes.
public enum PlanStore {
    public struct Draft: Sendable, Equatable {
        public var title: String
        public var status: VerificationPlan.Status
        /// A phase name of the project, or empty.
        public var phase: String
        public var modules: [String]
        public var query: String
        public var description: String
        public init(title: String, status: VerificationPlan.Status = .draft, phase: String = "", modules: [String] = [], query: String = "",
                    description: String = "")
        {
            self.title = title
            self.status = status
            self.phase = phase
            self.modules = modules
            self.query = query
            self.description = description
        }
    }

    @discardableResult
    public static func create(_ context: ArtifactContext, _ draft: Draft) async throws -> Artifact {
        try context.requireRole(.editor, to: "create verification plans")
        return try await context.write { writer in
            let db = writer.database
            let (draft, phaseID) = try await validated(draft, context, on: db)
            if draft.status == .approved { try context.requireRole(.lead, to: "approve verification plans") }
            let artifact = try await writer.create(kind: VerificationKinds.plan.id, title: draft.title, fields: fields(draft))
            let plan = VerificationPlan()
            plan.id = try artifact.requireID()
            plan.projectID = context.projectID
            apply(draft, phaseID: phaseID, to: plan)
            try await plan.create(on: db)
            return artifact
        }
    }

    @discardableResult
    public static func update(_ context: ArtifactContext, id: UUID, expectedVersion: Int, _ draft: Draft) async throws -> Artifact {
        try context.requireRole(.editor, to: "edit verification plans")
        return try await context.write { writer in
            let db = writer.database
            let plan = try await find(id, context, on: db)
            let (draft, phaseID) = try await validated(draft, context, on: db)
            if draft.status != plan.status { try context.requireRole(.lead, to: "approve verification plans or return them to draft") }
            let saved = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title, fields: fields(draft))
            apply(draft, phaseID: phaseID, to: plan)
            try await plan.update(on: db)
            return saved
        }
    }

    public static func delete(_ context: ArtifactContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete verification plans")
        try await context.write { writer in
            let plan = try await find(id, context, on: writer.database)
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await plan.delete(on: writer.database)
        }
    }

    public struct ActivityDraft: Sendable, Equatable {
        public var title: String
        public var method: String
        public var responsible: String
        public var dueOn: String
        public var status: VerificationActivity.Status
        public init(title: String, method: String = "test", responsible: String = "", dueOn: String = "", status: VerificationActivity.Status = .planned) {
            self.title = title
            self.method = method
            self.responsible = responsible
            self.dueOn = dueOn
            self.status = status
        }
    }

    /// Adds an activity at the end of the plan, or changes one (`activityID`).
    @discardableResult
    public static func saveActivity(_ context: ArtifactContext, planID: UUID, activityID: UUID? = nil, _ draft: ActivityDraft) async throws
        -> VerificationActivity
    {
        try context.requireRole(.editor, to: "plan verification activities")
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let due = draft.dueOn.trimmingCharacters(in: .whitespaces)
        var errors: [ProblemDetails.FieldError] = []
        if title.isEmpty || title.count > 200 { errors.append(.init(field: "activity_title", reason: "the activity needs a title of 1–200 characters")) }
        if TestCase.Method(rawValue: draft.method) == nil && draft.method != "review" {
            errors.append(.init(field: "activity_method", reason: "the method must be test, analysis, inspection, demonstration or review"))
        }
        if !due.isEmpty, due.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            errors.append(.init(field: "activity_due", reason: "the due date must be yyyy-mm-dd"))
        }
        if draft.responsible.count > 200 { errors.append(.init(field: "activity_responsible", reason: "at most 200 characters")) }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return try await context.write { writer in
            let db = writer.database
            let plan = try await find(planID, context, on: db)
            let activity: VerificationActivity
            if let activityID {
                guard let row = try await VerificationActivity.query(on: db).filter(\.$id == activityID).filter(\.$planID == planID).first()
                else { throw Abort(.notFound, reason: "The plan has no such activity.") }
                activity = row
            } else {
                activity = VerificationActivity()
                activity.projectID = context.projectID
                activity.planID = planID
                activity.position = (try await VerificationActivity.query(on: db).filter(\.$planID == planID).max(\.$position) ?? 0) + 1
            }
            activity.title = title
            activity.method = draft.method
            activity.responsible = draft.responsible.trimmingCharacters(in: .whitespacesAndNewlines)
            activity.dueOn = due
            activity.status = draft.status
            try await activity.save(on: db)
            try await AuditLog.record(AuditEvent(activityID == nil ? "verification-plan.activity-added" : "verification-plan.activity-changed",
                                                 kind: VerificationKinds.plan.id, id: plan.id?.uuidString, project: context.projectID,
                                                 after: ["activity": title, "status": draft.status.rawValue, "due": due]),
                                      by: context.actor, on: db, at: context.now)
            return activity
        }
    }

    public static func removeActivity(_ context: ArtifactContext, planID: UUID, activityID: UUID) async throws {
        try context.requireRole(.editor, to: "plan verification activities")
        try await context.write { writer in
            let db = writer.database
            let plan = try await find(planID, context, on: db)
            guard let row = try await VerificationActivity.query(on: db).filter(\.$id == activityID).filter(\.$planID == planID).first()
            else { throw Abort(.notFound, reason: "The plan has no such activity.") }
            try await row.delete(on: db)
            try await AuditLog.record(AuditEvent("verification-plan.activity-removed", kind: VerificationKinds.plan.id, id: plan.id?.uuidString,
                                                 project: context.projectID, before: ["activity": row.title]),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    static func validated(_ draft: Draft, _ context: ArtifactContext, on db: any Database) async throws -> (Draft, UUID?) {
        var draft = draft
        draft.title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.query = draft.query.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.phase = draft.phase.trimmingCharacters(in: .whitespaces)
        var modules: [String] = []
        for prefix in draft.modules.map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) where !prefix.isEmpty && !modules.contains(prefix) {
            modules.append(prefix)
        }
        draft.modules = modules
        var errors: [ProblemDetails.FieldError] = []
        if draft.title.isEmpty || draft.title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        if draft.query.count > 200 { errors.append(.init(field: "query", reason: "the requirement query must be at most 200 characters")) }
        if draft.description.count > 20_000 { errors.append(.init(field: "description", reason: "the description must be at most 20,000 characters")) }
        let known = Set(try await VerificationQueries.modulePrefixes(projectID: context.projectID, on: db))
        let unknown = modules.filter { !known.contains($0) }
        if !unknown.isEmpty {
            errors.append(.init(field: "modules", reason: "no requirement module of this project has the prefix\(unknown.count == 1 ? "" : "es") "
                                + unknown.joined(separator: ", ")))
        }
        var phaseID: UUID?
        if !draft.phase.isEmpty {
            if let phase = try await GovernanceQueries.phase(name: draft.phase, projectID: context.projectID, on: db) {
                phaseID = phase.id
            } else {
                errors.append(.init(field: "phase", reason: "the project has no phase “\(draft.phase)”"))
            }
        }
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        return (draft, phaseID)
    }

    static func fields(_ draft: Draft) -> ArtifactFields {
        ["status": .string(draft.status.rawValue), "phase": .string(draft.phase), "scope_modules": .list(draft.modules),
         "scope_query": .string(draft.query), "description": .string(draft.description)]
    }

    static func apply(_ draft: Draft, phaseID: UUID?, to plan: VerificationPlan) {
        plan.phaseID = phaseID
        plan.status = draft.status
        plan.scopeModules = draft.modules.joined(separator: "\n")
        plan.scopeQuery = draft.query
        plan.description = draft.description
    }

    static func find(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> VerificationPlan {
        guard let plan = try await VerificationPlan.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such verification plan in this project.") }
        return plan
    }
}
