import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Writes of the project's delivery organisations and phases (leads). Each call runs in the project's write
/// transaction, so it serialises with artifact writes and its audit row commits with it.
public enum GovernanceStore {
    // MARK: delivery organisations

    @discardableResult
    public static func createOrganisation(_ context: ArtifactContext, _ draft: OrganisationDraft) async throws -> DeliveryOrganisation {
        try context.requireRole(.lead, to: "set up delivery organisations")
        let draft = try draft.validated()
        return try await context.write { writer in
            let db = writer.database
            try await requireFreeCode(draft.code, except: nil, context, on: db)
            let org = DeliveryOrganisation()
            org.projectID = context.projectID
            apply(draft, to: org)
            try await org.create(on: db)
            try await audit("governance.organisation-created", org, before: nil, context, on: db)
            return org
        }
    }

    public static func updateOrganisation(_ context: ArtifactContext, id: UUID, _ draft: OrganisationDraft) async throws {
        try context.requireRole(.lead, to: "change delivery organisations")
        let draft = try draft.validated()
        try await context.write { writer in
            let db = writer.database
            let org = try await organisation(id, context, on: db)
            let before = fields(org)
            try await requireFreeCode(draft.code, except: id, context, on: db)
            apply(draft, to: org)
            try await org.update(on: db)
            try await audit("governance.organisation-changed", org, before: before, context, on: db)
        }
    }

    public static func deleteOrganisation(_ context: ArtifactContext, id: UUID) async throws {
        try context.requireRole(.lead, to: "remove delivery organisations")
        try await context.write { writer in
            let db = writer.database
            let org = try await organisation(id, context, on: db)
            if let uses = try await GovernanceReferences.organisations.describeUses(of: id, on: db) {
                throw FieldsInvalid(field: "code", "\(org.code) is still named by \(uses); give them another organisation first")
            }
            try await org.delete(on: db)
            try await AuditLog.record(AuditEvent("governance.organisation-deleted", kind: "delivery-organisation", id: id.uuidString,
                                                 key: org.code, project: context.projectID, before: fields(org)),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: phases

    @discardableResult
    public static func createPhase(_ context: ArtifactContext, _ draft: PhaseDraft) async throws -> Phase {
        try context.requireRole(.lead, to: "set up phases")
        let draft = try draft.validated()
        return try await context.write { writer in
            let db = writer.database
            try await requireFreeName(draft.name, except: nil, context, on: db)
            let count = try await Phase.query(on: db).filter(\.$projectID == context.projectID).count()
            let phase = Phase()
            phase.projectID = context.projectID
            phase.position = count + 1
            apply(draft, to: phase)
            try await phase.create(on: db)
            try await audit("governance.phase-created", phase, before: nil, context, on: db)
            return phase
        }
    }

    public static func updatePhase(_ context: ArtifactContext, id: UUID, _ draft: PhaseDraft) async throws {
        try context.requireRole(.lead, to: "change phases")
        let draft = try draft.validated()
        try await context.write { writer in
            let db = writer.database
            let phase = try await phase(id, context, on: db)
            let before = fields(phase)
            try await requireFreeName(draft.name, except: id, context, on: db)
            apply(draft, to: phase)
            try await phase.update(on: db)
            try await audit("governance.phase-changed", phase, before: before, context, on: db)
        }
    }

    /// Swaps a phase with its neighbour (earlier when `earlier`); at either end nothing changes.
    public static func movePhase(_ context: ArtifactContext, id: UUID, earlier: Bool) async throws {
        try context.requireRole(.lead, to: "reorder phases")
        try await context.write { writer in
            let db = writer.database
            let phase = try await phase(id, context, on: db)
            let target = phase.position + (earlier ? -1 : 1)
            guard let other = try await Phase.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$position == target).first() else { return }
            other.position = phase.position
            phase.position = target
            try await other.update(on: db)
            try await phase.update(on: db)
            try await audit("governance.phase-moved", phase, before: ["position": String(other.position)], context, on: db)
        }
    }

    public static func deletePhase(_ context: ArtifactContext, id: UUID) async throws {
        try context.requireRole(.lead, to: "remove phases")
        try await context.write { writer in
            let db = writer.database
            let phase = try await phase(id, context, on: db)
            if let uses = try await GovernanceReferences.phases.describeUses(of: id, on: db) {
                throw FieldsInvalid(field: "name", "“\(phase.name)” is still named by \(uses); move them to another phase first")
            }
            try await phase.delete(on: db)
            // Keep positions dense, so "move earlier/later" always finds a neighbour.
            for later in try await Phase.query(on: db).filter(\.$projectID == context.projectID)
                .filter(\.$position > phase.position).all()
            {
                later.position -= 1
                try await later.update(on: db)
            }
            try await AuditLog.record(AuditEvent("governance.phase-deleted", kind: "phase", id: id.uuidString, key: phase.name,
                                                 project: context.projectID, before: fields(phase)),
                                      by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    static func apply(_ draft: OrganisationDraft, to org: DeliveryOrganisation) {
        org.code = draft.code
        org.name = draft.name
        org.kind = draft.kind
    }

    static func apply(_ draft: PhaseDraft, to phase: Phase) {
        phase.name = draft.name
        phase.startsOn = draft.startsOn
        phase.endsOn = draft.endsOn
        phase.gateCriteria = draft.gateCriteria
        phase.status = draft.status
    }

    static func fields(_ org: DeliveryOrganisation) -> [String: String] {
        ["code": org.code, "name": org.name, "kind": org.kind.rawValue]
    }

    static func fields(_ phase: Phase) -> [String: String] {
        ["name": phase.name, "starts_on": phase.startsOn, "ends_on": phase.endsOn, "gate_criteria": phase.gateCriteria,
         "status": phase.status.rawValue, "position": String(phase.position)]
    }

    static func audit(_ action: String, _ org: DeliveryOrganisation, before: [String: String]?, _ context: ArtifactContext,
                      on db: any Database) async throws
    {
        try await AuditLog.record(AuditEvent(action, kind: "delivery-organisation", id: org.id?.uuidString, key: org.code,
                                             project: context.projectID, before: before, after: fields(org)),
                                  by: context.actor, on: db, at: context.now)
    }

    static func audit(_ action: String, _ phase: Phase, before: [String: String]?, _ context: ArtifactContext,
                      on db: any Database) async throws
    {
        try await AuditLog.record(AuditEvent(action, kind: "phase", id: phase.id?.uuidString, key: phase.name,
                                             project: context.projectID, before: before, after: fields(phase)),
                                  by: context.actor, on: db, at: context.now)
    }

    static func requireFreeCode(_ code: String, except id: UUID?, _ context: ArtifactContext, on db: any Database) async throws {
        var query = DeliveryOrganisation.query(on: db).filter(\.$projectID == context.projectID).filter(\.$code == code)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { throw FieldsInvalid(field: "code", "another organisation already has the code \(code)") }
    }

    static func requireFreeName(_ name: String, except id: UUID?, _ context: ArtifactContext, on db: any Database) async throws {
        var query = Phase.query(on: db).filter(\.$projectID == context.projectID).filter(\.$name == name)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { throw FieldsInvalid(field: "name", "there is already a phase “\(name)”") }
    }

    static func organisation(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> DeliveryOrganisation {
        guard let org = try await DeliveryOrganisation.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such delivery organisation in this project.") }
        return org
    }

    static func phase(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> Phase {
        guard let phase = try await Phase.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such phase in this project.") }
        return phase
    }
}
