import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import Vapor

/// Scope allocations: which delivery organisation delivers which element in which phase (editors). Each write
/// runs in the project's write transaction with its audit row.
public enum ScopeStore {
    public struct Draft: Sendable, Equatable {
        public var elementKey: String
        public var organisation: String
        /// A phase name, or empty for every phase.
        public var phase: String
        public var status: ScopeAllocation.Status

        public init(elementKey: String, organisation: String, phase: String = "", status: ScopeAllocation.Status = .proposed) {
            self.elementKey = elementKey
            self.organisation = organisation
            self.phase = phase
            self.status = status
        }
    }

    @discardableResult
    public static func allocate(_ context: ArtifactContext, _ draft: Draft) async throws -> ScopeAllocation {
        try context.requireRole(.editor, to: "allocate scope")
        return try await context.write { writer in
            let db = writer.database
            let allocation = ScopeAllocation()
            allocation.projectID = context.projectID
            try await resolve(draft, into: allocation, context, on: db)
            try await allocation.create(on: db)
            try await audit("scope.allocated", allocation, draft, context, on: db)
            return allocation
        }
    }

    /// Changes an allocation in place (the scope table's inline update): organisation, phase, status.
    public static func update(_ context: ArtifactContext, id: UUID, _ draft: Draft) async throws {
        try context.requireRole(.editor, to: "change scope allocations")
        try await context.write { writer in
            let db = writer.database
            let allocation = try await existing(id, context, on: db)
            try await resolve(draft, into: allocation, context, on: db)
            try await allocation.update(on: db)
            try await audit("scope.changed", allocation, draft, context, on: db)
        }
    }

    public static func remove(_ context: ArtifactContext, id: UUID) async throws {
        try context.requireRole(.editor, to: "remove scope allocations")
        try await context.write { writer in
            let db = writer.database
            let allocation = try await existing(id, context, on: db)
            try await allocation.delete(on: db)
            try await AuditLog.record(AuditEvent("scope.removed", kind: "scope-allocation", id: id.uuidString, project: context.projectID),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    static func resolve(_ draft: Draft, into allocation: ScopeAllocation, _ context: ArtifactContext, on db: any Database) async throws {
        var errors: [ProblemDetails.FieldError] = []
        let element = try await SystemElementQueries.element(key: draft.elementKey.trimmingCharacters(in: .whitespaces),
                                                             projectID: context.projectID, on: db)
        if element == nil { errors.append(.init(field: "element", reason: "there is no element “\(draft.elementKey)” in this project")) }
        let org = try await GovernanceQueries.organisation(code: draft.organisation, projectID: context.projectID, on: db)
        if org == nil {
            errors.append(.init(field: "organisation", reason: draft.organisation.isEmpty ? "choose a delivery organisation"
                                    : "there is no delivery organisation “\(draft.organisation)” in this project"))
        }
        var phaseID: UUID?
        if !draft.phase.isEmpty {
            phaseID = try await GovernanceQueries.phase(name: draft.phase, projectID: context.projectID, on: db)?.id
            if phaseID == nil { errors.append(.init(field: "phase", reason: "there is no phase “\(draft.phase)” in this project")) }
        }
        guard errors.isEmpty, let element, let orgID = org?.id else { throw FieldsInvalid(errors: errors) }
        var same = ScopeAllocation.query(on: db).filter(\.$projectID == context.projectID).filter(\.$elementID == element.id)
            .filter(\.$orgID == orgID).filter(\.$phaseID == phaseID)
        if let id = allocation.id { same = same.filter(\.$id != id) }
        if try await same.count() > 0 {
            throw FieldsInvalid(field: "organisation", "\(element.key) is already allocated to \(org!.code)"
                                + (draft.phase.isEmpty ? " for every phase" : " in \(draft.phase)"))
        }
        allocation.elementID = element.id
        allocation.orgID = orgID
        allocation.phaseID = phaseID
        allocation.status = draft.status
    }

    static func audit(_ action: String, _ allocation: ScopeAllocation, _ draft: Draft, _ context: ArtifactContext,
                      on db: any Database) async throws
    {
        try await AuditLog.record(
            AuditEvent(action, kind: "scope-allocation", id: allocation.id?.uuidString, key: draft.elementKey, project: context.projectID,
                       after: ["organisation": draft.organisation.uppercased(), "phase": draft.phase, "status": draft.status.rawValue]),
            by: context.actor, on: db, at: context.now)
    }

    static func existing(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> ScopeAllocation {
        guard let row = try await ScopeAllocation.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such scope allocation in this project.") }
        return row
    }
}
