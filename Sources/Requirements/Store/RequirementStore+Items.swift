import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Sections and requirements: creation, edits, the lifecycle, deletion and bulk changes.
extension RequirementStore {
    // MARK: sections and requirements

    @discardableResult
    public static func createSection(_ context: RequirementContext, moduleID: UUID, title: String, text: String,
                                     parentID: UUID? = nil, key: String? = nil) async throws -> Artifact
    {
        try context.requireRole(.editor, to: "write requirements")
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= RequirementDraft.maximumStatement else {
            throw RequirementInvalid(field: "text", "the section text must be at most 20,000 characters")
        }
        return try await context.write { writer in
            let module = try await liveModule(moduleID, context, on: writer.database)
            let parent = try await parentItem(parentID, module: module, placing: .section, on: writer.database)
            let artifact = try await writer.create(
                kind: RequirementKinds.section.id, title: title, fields: ["text": .string(text)], key: key,
                keyPattern: RequirementKinds.sectionPattern(prefix: module.prefix))
            let item = DocumentItem()
            item.id = try artifact.requireID()
            item.projectID = context.projectID
            item.moduleID = moduleID
            item.parentID = parent?.id
            item.position = try await siblingCount(module: moduleID, parent: parent?.id, on: writer.database)
            item.itemType = .section
            try await sync(item, artifact: artifact, fields: ["text": .string(text)], on: writer.database, isNew: true)
            return artifact
        }
    }

    @discardableResult
    public static func updateSection(_ context: RequirementContext, id: UUID, expectedVersion: Int, title: String,
                                     text: String) async throws -> Artifact
    {
        try context.requireRole(.editor, to: "write requirements")
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await context.write { writer in
            let item = try await liveItem(id, context, on: writer.database)
            let before = try await Artifact.find(id, on: writer.database)
            let fields = ImportedFields.carry(from: try await currentFields(id, on: writer.database), currentTitle: before?.title ?? "",
                                              into: ["text": .string(text)], title: title)
            let artifact = try await writer.update(id, expectedVersion: expectedVersion, title: title, fields: fields)
            try await sync(item, artifact: artifact, fields: fields, on: writer.database)
            return artifact
        }
    }

    /// Creates a draft requirement at the end of `parentID`'s children (or of the document).
    @discardableResult
    public static func createRequirement(_ context: RequirementContext, moduleID: UUID, draft: RequirementDraft,
                                         parentID: UUID? = nil, key: String? = nil) async throws -> Artifact
    {
        try context.requireRole(.editor, to: "write requirements")
        return try await context.write { writer in
            let db = writer.database
            let module = try await liveModule(moduleID, context, on: db)
            let settings = try await RequirementSettings.of(context.projectID, on: db)
            let definitions = try await attributes(of: moduleID, on: db)
            var fields = try draft.validated(types: settings.typeList, attributes: definitions)
            fields["status"] = .string(RequirementStatus.draft.rawValue)
            let parent = try await parentItem(parentID, module: module, placing: .requirement, on: db)
            let artifact = try await writer.create(
                kind: RequirementKinds.requirement.id, title: draft.title, fields: fields, key: key,
                keyPattern: RequirementKinds.requirementPattern(prefix: module.prefix))
            let item = DocumentItem()
            item.id = try artifact.requireID()
            item.projectID = context.projectID
            item.moduleID = moduleID
            item.parentID = parent?.id
            item.position = try await siblingCount(module: moduleID, parent: parent?.id, on: db)
            item.itemType = .requirement
            try await sync(item, artifact: artifact, fields: fields, on: db, isNew: true)
            return artifact
        }
    }

    /// Saves an edit. Obsolete requirements are read-only (revive first); an edit of an approved requirement's
    /// trigger fields sends it back to review in the same version.
    @discardableResult
    public static func updateRequirement(_ context: RequirementContext, id: UUID, expectedVersion: Int,
                                         draft: RequirementDraft) async throws -> Artifact
    {
        try context.requireRole(.editor, to: "write requirements")
        return try await context.write { writer in
            let db = writer.database
            let item = try await liveItem(id, context, on: db, type: .requirement)
            let current = try await currentFields(id, on: db)
            let status = RequirementStatus(rawValue: current["status"].displayText) ?? .draft
            let settings = try await RequirementSettings.of(context.projectID, on: db)
            let definitions = try await attributes(of: item.moduleID, on: db)
            var types = settings.typeList
            if case .string(let old) = current["type"], !types.contains(old) { types.append(old) } // a retired type may stay
            var fields = ImportedFields.carry(from: current, currentTitle: try await Artifact.find(id, on: db)?.title ?? "",
                                              into: try draft.validated(types: types, attributes: definitions), title: draft.title)
            if status == .obsolete, try await versionOf(id, on: db) == expectedVersion {
                throw RequirementInvalid(field: "status", "obsolete requirements cannot be edited; a lead can revive it as a draft first")
            }
            var snapshot = fields
            snapshot["title"] = .string(draft.title.trimmingCharacters(in: .whitespacesAndNewlines))
            let triggerFields = try await writer.triggerFields(of: RequirementKinds.requirement)
            let triggerChanged = !Set(current.changes(to: snapshot)).isDisjoint(with: triggerFields)
            let newStatus: RequirementStatus = (status == .approved && triggerChanged) ? .inReview : status
            fields["status"] = .string(newStatus.rawValue)
            let artifact = try await writer.update(id, expectedVersion: expectedVersion, title: draft.title, fields: fields)
            try await sync(item, artifact: artifact, fields: fields, on: db)
            if newStatus != status {
                try await AuditLog.record(
                    AuditEvent("requirement.status-changed", kind: "requirement", id: id.uuidString.lowercased(), key: artifact.key,
                               project: context.projectID, before: ["status": status.rawValue], after: ["status": newStatus.rawValue],
                               note: "an approved requirement's statement or title changed: back to review"),
                    by: context.actor, on: db, at: context.now)
            }
            return artifact
        }
    }

    /// Moves a requirement along its lifecycle; approving records who approved which content hash.
    @discardableResult
    public static func transition(_ context: RequirementContext, id: UUID, expectedVersion: Int,
                                  to target: RequirementStatus) async throws -> Artifact
    {
        try await context.write { writer in try await transition(context, writer, id: id, expectedVersion: expectedVersion, to: target) }
    }

    static func transition(_ context: RequirementContext, _ writer: ArtifactWriter, id: UUID, expectedVersion: Int?,
                           to target: RequirementStatus) async throws -> Artifact
    {
        let db = writer.database
        let item = try await liveItem(id, context, on: db, type: .requirement)
        let current = try await currentFields(id, on: db)
        let version = try await versionOf(id, on: db)
        let status = RequirementStatus(rawValue: current["status"].displayText) ?? .draft
        guard let transition = status.transition(to: target) else {
            let allowed = status.transitions.map(\.to.title).joined(separator: " or ")
            throw RequirementInvalid(field: "status", "a requirement that is \(status.title.lowercased()) can only become \(allowed.lowercased()), not \(target.title.lowercased())")
        }
        try context.requireRole(transition.role, to: transition.action.lowercased())
        var fields = current
        fields["status"] = .string(target.rawValue)
        // The writer puts the title into the snapshot itself; passing the current snapshot keeps every field.
        let artifact = try await writer.update(id, expectedVersion: expectedVersion ?? version,
                                               title: current["title"].displayText, fields: fields)
        try await sync(item, artifact: artifact, fields: fields, on: db)
        if target == .approved {
            let approval = RequirementApproval()
            approval.id = UUID()
            approval.projectID = context.projectID
            approval.artifactID = id
            approval.version = artifact.version
            approval.contentHash = artifact.contentHash
            approval.approvedBy = context.actor.userID
            approval.approvedByLabel = context.actor.label
            approval.approvedAt = context.now
            try await approval.create(on: db)
        }
        try await AuditLog.record(
            AuditEvent(target == .approved ? "requirement.approved" : "requirement.status-changed", kind: "requirement",
                       id: id.uuidString.lowercased(), key: artifact.key, project: context.projectID,
                       before: ["status": status.rawValue], after: ["status": target.rawValue],
                       note: target == .approved ? "content \(artifact.contentHash.prefix(12)), version \(artifact.version)" : nil),
            by: context.actor, on: db, at: context.now)
        return artifact
    }

    /// Deletes a section or requirement that has no children. Approved requirements are retired (obsolete),
    /// never deleted, so what was approved stays on record.
    public static func delete(_ context: RequirementContext, id: UUID, expectedVersion: Int) async throws {
        try context.requireRole(.editor, to: "delete requirements")
        try await context.write { writer in
            let db = writer.database
            let item = try await liveItem(id, context, on: db)
            if try await DocumentItem.query(on: db).filter(\.$parentID == id).count() > 0 {
                throw RequirementInvalid(field: "children", "move or delete its children first")
            }
            if item.itemType == .requirement, item.status == RequirementStatus.approved.rawValue
                || item.status == RequirementStatus.obsolete.rawValue
            {
                throw RequirementInvalid(field: "status", "an approved or obsolete requirement is kept on record: make it obsolete instead")
            }
            try await writer.delete(id, expectedVersion: expectedVersion)
            try await item.delete(on: db)
            try await closeGap(module: item.moduleID, parent: item.parentID, after: item.position, on: db)
            try await removeFromSearch(id, on: db)
        }
    }

    // MARK: bulk

    public enum BulkChange: Sendable, Equatable {
        case status(RequirementStatus)
        case addTag(String)
        case removeTag(String)
    }

    /// Applies one change to many requirements, all or nothing: the first refusal names the requirement and
    /// nothing is saved.
    public static func bulk(_ context: RequirementContext, ids: [UUID], change: BulkChange) async throws -> Int {
        try context.requireRole(.editor, to: "change requirements")
        guard !ids.isEmpty else { throw RequirementInvalid(field: "items", "select at least one requirement") }
        guard ids.count <= 5_000 else { throw RequirementInvalid(field: "items", "select at most 5,000 requirements at once") }
        return try await context.write { writer in
            var changed = 0
            for id in ids {
                let key = try await writer.database.query(Artifact.self).filter(\.$id == id).first()?.key ?? id.uuidString
                do {
                    switch change {
                    case .status(let target):
                        let fields = try await currentFields(id, on: writer.database)
                        if fields["status"].displayText == target.rawValue { continue }
                        _ = try await transition(context, writer, id: id, expectedVersion: nil, to: target)
                    case .addTag(let tag), .removeTag(let tag):
                        let item = try await liveItem(id, context, on: writer.database, type: .requirement)
                        var fields = try await currentFields(id, on: writer.database)
                        var tags = item.tagList
                        if case .addTag = change {
                            guard !tags.contains(tag) else { continue }
                            guard !tag.isEmpty, tag.count <= 50, !tag.contains("|"), !tag.contains(",") else {
                                throw RequirementInvalid(field: "tag", "“\(tag)” is not a valid tag: 1–50 characters, no | or comma")
                            }
                            tags.append(tag)
                        } else {
                            guard tags.contains(tag) else { continue }
                            tags.removeAll { $0 == tag }
                        }
                        fields["tags"] = .list(tags.sorted())
                        let artifact = try await writer.update(
                            id, expectedVersion: try await versionOf(id, on: writer.database),
                            title: fields["title"].displayText, fields: fields)
                        try await sync(item, artifact: artifact, fields: fields, on: writer.database)
                    }
                    changed += 1
                } catch let error as RequirementInvalid {
                    throw RequirementInvalid(errors: error.errors.map { .init(field: $0.field, reason: "\(key): \($0.reason)") })
                } catch let error as Abort where error.status == .forbidden {
                    throw Abort(.forbidden, reason: "\(key): \(error.reason)")
                }
            }
            return changed
        }
    }
}
