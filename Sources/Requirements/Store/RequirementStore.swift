import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Every write of the requirements module: modules, attributes, sections, requirements and their lifecycle,
/// document order, comments, links and suspect clearing. Each call is one transaction through
/// `ArtifactWriter`, so the artifact version, the document row, the search index and the audit rows commit
/// or roll back together.
public enum RequirementStore {
    // MARK: modules

    public static func createModule(_ context: RequirementContext, name: String, prefix: String, description: String,
                                    parentExpected: Bool) async throws -> RequirementModule
    {
        try context.requireRole(.editor, to: "create requirement modules")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = prefix.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 200 { errors.append(.init(field: "name", reason: "the name must be 1–200 characters")) }
        if !isValidPrefix(prefix) {
            errors.append(.init(field: "prefix", reason: "the prefix must be 1–12 capital letters or digits, starting with a letter (e.g. SYS)"))
        }
        if description.count > 5_000 { errors.append(.init(field: "description", reason: "the description must be at most 5,000 characters")) }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        return try await context.write { writer in
            let db = writer.database
            let existing = try await RequirementModule.query(on: db).filter(\.$projectID == context.projectID).all()
            if existing.contains(where: { $0.prefix == prefix }) {
                throw RequirementInvalid(field: "prefix", "the prefix \(prefix) is already used by another module")
            }
            if existing.contains(where: { $0.name.lowercased() == name.lowercased() && $0.deletedAt == nil }) {
                throw RequirementInvalid(field: "name", "a module called “\(name)” already exists")
            }
            let module = RequirementModule()
            module.id = UUID()
            module.projectID = context.projectID
            module.name = name
            module.prefix = prefix
            module.description = description
            module.parentExpected = parentExpected
            module.position = (existing.map(\.position).max() ?? -1) + 1
            module.createdAt = context.now
            try await module.create(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-module.created", kind: "requirement-module", id: module.id?.uuidString.lowercased(),
                           key: prefix, project: context.projectID, after: ["name": name, "prefix": prefix]),
                by: context.actor, on: db, at: context.now)
            return module
        }
    }

    static func isValidPrefix(_ prefix: String) -> Bool {
        guard let first = prefix.first, first.isASCII, first.isLetter, prefix.count <= 12 else { return false }
        return prefix.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    public static func defineAttribute(_ context: RequirementContext, moduleID: UUID, name: String, label: String,
                                       type: AttributeDefinition.ValueType, options: [String]) async throws
        -> AttributeDefinition
    {
        try context.requireRole(.lead, to: "define module attributes")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        let options = options.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var errors: [ProblemDetails.FieldError] = []
        if name.isEmpty || name.count > 40 || !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
            errors.append(.init(field: "name", reason: "the name must be 1–40 lower-case letters, digits, - or _"))
        }
        if label.isEmpty || label.count > 100 { errors.append(.init(field: "label", reason: "the label must be 1–100 characters")) }
        let isEnumeration = type == .enumeration || type == .multiEnumeration
        if isEnumeration && options.isEmpty {
            errors.append(.init(field: "options", reason: "an enumeration needs at least one value (one per line)"))
        }
        if Set(options).count != options.count { errors.append(.init(field: "options", reason: "the values must be different")) }
        if options.contains(where: { $0.count > 200 }) { errors.append(.init(field: "options", reason: "each value must be at most 200 characters")) }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        return try await context.write { writer in
            let module = try await liveModule(moduleID, context, on: writer.database)
            let existing = try await AttributeDefinition.query(on: writer.database).filter(\.$moduleID == moduleID).all()
            if existing.contains(where: { $0.name == name }) {
                throw RequirementInvalid(field: "name", "\(module.prefix) already has an attribute “\(name)”")
            }
            let definition = AttributeDefinition()
            definition.id = UUID()
            definition.projectID = context.projectID
            definition.moduleID = moduleID
            definition.name = name
            definition.label = label
            definition.valueType = type
            definition.options = isEnumeration ? options.joined(separator: "\n") : ""
            definition.position = (existing.map(\.position).max() ?? -1) + 1
            try await definition.create(on: writer.database)
            try await AuditLog.record(
                AuditEvent("requirement-attribute.created", kind: "requirement-attribute", id: definition.id?.uuidString.lowercased(),
                           key: "\(module.prefix).\(name)", project: context.projectID,
                           after: ["label": label, "type": type.rawValue, "options": options.joined(separator: ", ")]),
                by: context.actor, on: writer.database, at: context.now)
            return definition
        }
    }

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
            let artifact = try await writer.update(id, expectedVersion: expectedVersion, title: title, fields: ["text": .string(text)])
            try await sync(item, artifact: artifact, fields: ["text": .string(text)], on: writer.database)
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
            var fields = try draft.validated(types: types, attributes: definitions)
            if status == .obsolete, try await versionOf(id, on: db) == expectedVersion {
                throw RequirementInvalid(field: "status", "obsolete requirements cannot be edited; a lead can revive it as a draft first")
            }
            var snapshot = fields
            snapshot["title"] = .string(draft.title.trimmingCharacters(in: .whitespacesAndNewlines))
            let triggerChanged = !Set(current.changes(to: snapshot)).isDisjoint(with: RequirementKinds.requirementTriggerFields)
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

    // MARK: document order

    public enum Move: String, Sendable, CaseIterable {
        case up, down, indent, outdent
    }

    /// Moves an item one step in the document: up/down among its siblings, indent under the sibling above,
    /// outdent to just after its parent.
    public static func move(_ context: RequirementContext, id: UUID, _ move: Move) async throws {
        try context.requireRole(.editor, to: "reorder documents")
        try await context.write { writer in
            let db = writer.database
            let item = try await liveItem(id, context, on: db)
            let siblings = try await children(module: item.moduleID, parent: item.parentID, on: db)
            let index = siblings.firstIndex { $0.id == id } ?? 0
            switch move {
            case .up:
                guard index > 0 else { throw RequirementInvalid(field: "move", "it is already first") }
                try await place(item, parent: item.parentID, at: index - 1, on: db)
            case .down:
                guard index + 1 < siblings.count else { throw RequirementInvalid(field: "move", "it is already last") }
                try await place(item, parent: item.parentID, at: index + 1, on: db)
            case .indent:
                guard index > 0 else { throw RequirementInvalid(field: "move", "there is no item above it to indent under") }
                let newParent = siblings[index - 1]
                if item.itemType == .section && newParent.itemType == .requirement {
                    throw RequirementInvalid(field: "move", "a section cannot go under a requirement")
                }
                let count = try await siblingCount(module: item.moduleID, parent: newParent.id, on: db)
                try await place(item, parent: newParent.id, at: count, on: db)
            case .outdent:
                guard let parentID = item.parentID, let parent = try await DocumentItem.find(parentID, on: db) else {
                    throw RequirementInvalid(field: "move", "it is already at the top level")
                }
                try await place(item, parent: parent.parentID, at: parent.position + 1, on: db)
            }
            try await auditMove(item, context: context, note: move.rawValue, on: db)
        }
    }

    /// Moves an item under `parentID` (nil: top level) at `position` (clamped), refusing a move into its own subtree.
    public static func move(_ context: RequirementContext, id: UUID, parentID: UUID?, position: Int) async throws {
        try context.requireRole(.editor, to: "reorder documents")
        try await context.write { writer in
            let db = writer.database
            let item = try await liveItem(id, context, on: db)
            if let parentID {
                let parent = try await liveItem(parentID, context, on: db)
                guard parent.moduleID == item.moduleID else {
                    throw RequirementInvalid(field: "parent", "the new parent is in another module")
                }
                if item.itemType == .section && parent.itemType == .requirement {
                    throw RequirementInvalid(field: "parent", "a section cannot go under a requirement")
                }
                var cursor: UUID? = parentID
                while let current = cursor {
                    if current == id { throw RequirementInvalid(field: "parent", "an item cannot move under itself or its own children") }
                    cursor = try await DocumentItem.find(current, on: db)?.parentID
                }
            }
            try await place(item, parent: parentID, at: max(0, position), on: db)
            try await auditMove(item, context: context, note: "moved", on: db)
        }
    }

    static func place(_ item: DocumentItem, parent: UUID?, at requested: Int, on db: any Database) async throws {
        let oldParent = item.parentID
        var old = try await children(module: item.moduleID, parent: oldParent, on: db)
        old.removeAll { $0.id == item.id }
        var target = oldParent == parent ? old : try await children(module: item.moduleID, parent: parent, on: db)
        let index = min(requested, target.count)
        target.insert(item, at: index)
        item.parentID = parent
        if oldParent != parent { try await renumber(old, on: db) }
        try await renumber(target, on: db)
    }

    static func renumber(_ items: [DocumentItem], on db: any Database) async throws {
        for (index, sibling) in items.enumerated() where sibling.position != index || sibling.hasChanges {
            sibling.position = index
            try await sibling.save(on: db)
        }
    }

    static func auditMove(_ item: DocumentItem, context: RequirementContext, note: String, on db: any Database) async throws {
        let key = try await db.query(Artifact.self).filter(\.$id == (try item.requireID())).first()?.key
        try await AuditLog.record(
            AuditEvent("requirement.moved", kind: item.itemType.rawValue, id: item.id?.uuidString.lowercased(), key: key,
                       project: context.projectID, note: note),
            by: context.actor, on: db, at: context.now)
    }

    // MARK: comments

    @discardableResult
    public static func comment(_ context: RequirementContext, on artifactID: UUID, body: String, threadID: UUID? = nil)
        async throws -> RequirementComment
    {
        try context.requireRole(.viewer, to: "comment")
        let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= 10_000 else {
            throw RequirementInvalid(field: "body", "a comment must be 1–10,000 characters")
        }
        return try await context.database.transaction { db in
            _ = try await liveItem(artifactID, context, on: db)
            if let threadID {
                guard let first = try await RequirementComment.find(threadID, on: db), first.artifactID == artifactID,
                    first.threadID == nil
                else { throw RequirementInvalid(field: "thread", "there is no such comment thread on this requirement") }
            }
            let comment = RequirementComment()
            comment.id = UUID()
            comment.projectID = context.projectID
            comment.artifactID = artifactID
            comment.threadID = threadID
            comment.body = body
            comment.authorID = context.actor.userID
            comment.authorLabel = context.actor.label
            comment.createdAt = context.now
            comment.artifactVersion = try await versionOf(artifactID, on: db)
            try await comment.create(on: db)
            try await AuditLog.record(
                AuditEvent("requirement.commented", kind: "comment", id: comment.id?.uuidString.lowercased(),
                           key: try await keyOf(artifactID, on: db), project: context.projectID,
                           note: threadID == nil ? "new thread" : "reply"),
                by: context.actor, on: db, at: context.now)
            return comment
        }
    }

    /// Resolves (or reopens) a whole thread. Editors, or the thread's author.
    public static func setResolved(_ context: RequirementContext, threadID: UUID, resolved: Bool) async throws {
        try await context.database.transaction { db in
            guard let thread = try await RequirementComment.find(threadID, on: db), thread.projectID == context.projectID,
                thread.threadID == nil
            else { throw Abort(.notFound, reason: "There is no such comment thread in this project.") }
            if context.role < .editor && thread.authorID != context.actor.userID {
                throw Abort(.forbidden, reason: "Only editors or the thread's author may resolve or reopen it.")
            }
            guard (thread.resolvedAt != nil) != resolved else {
                throw RequirementInvalid(field: "thread", resolved ? "the thread is already resolved" : "the thread is already open")
            }
            thread.resolvedAt = resolved ? context.now : nil
            thread.resolvedByLabel = resolved ? context.actor.label : nil
            try await thread.update(on: db)
            try await AuditLog.record(
                AuditEvent(resolved ? "requirement.comment-resolved" : "requirement.comment-reopened", kind: "comment",
                           id: threadID.uuidString.lowercased(), key: try await keyOf(thread.artifactID, on: db),
                           project: context.projectID),
                by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: links

    @discardableResult
    public static func link(_ context: RequirementContext, kind: String, from sourceKey: String, to targetKey: String)
        async throws -> ArtifactLink
    {
        try context.requireRole(.editor, to: "link artifacts")
        return try await context.write { writer in
            let source = try await artifactID(key: sourceKey, field: "source", context, on: writer.database)
            let target = try await artifactID(key: targetKey, field: "target", context, on: writer.database)
            return try await writer.link(kind, from: source, to: target)
        }
    }

    public static func unlink(_ context: RequirementContext, linkID: UUID) async throws {
        try context.requireRole(.editor, to: "remove links")
        try await context.write { writer in try await writer.unlink(linkID) }
    }

    @discardableResult
    public static func clearSuspect(_ context: RequirementContext, linkID: UUID, reason: String) async throws -> ArtifactLink {
        try context.requireRole(.editor, to: "clear suspect links")
        return try await context.write { writer in try await writer.clearSuspect(linkID, reason: reason) }
    }

    // MARK: settings

    public static func saveSettings(_ context: RequirementContext, types: [String], disabledRules: Set<String>) async throws {
        try context.requireRole(.lead, to: "change requirement settings")
        let types = types.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var errors: [ProblemDetails.FieldError] = []
        if types.isEmpty { errors.append(.init(field: "types", reason: "keep at least one requirement type")) }
        if types.contains(where: { $0.count > 40 || $0.contains("|") }) {
            errors.append(.init(field: "types", reason: "each type must be at most 40 characters, without |"))
        }
        if Set(types).count != types.count { errors.append(.init(field: "types", reason: "the types must be different")) }
        let unknown = disabledRules.filter { QualityChecker.rule($0) == nil }
        if !unknown.isEmpty { errors.append(.init(field: "disabled_rules", reason: "unknown rules: \(unknown.sorted().joined(separator: ", "))")) }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        try await context.database.transaction { db in
            let settings = try await RequirementSettings.of(context.projectID, on: db)
            let before = ["types": settings.typeList.joined(separator: ", "), "disabled_rules": settings.disabledRuleSet.sorted().joined(separator: ", ")]
            settings.types = types.joined(separator: "\n")
            settings.disabledRules = disabledRules.sorted().joined(separator: "\n")
            try await settings.save(on: db)
            try await AuditLog.record(
                AuditEvent("requirement-settings.changed", kind: "requirement-settings", id: context.projectID.uuidString.lowercased(),
                           project: context.projectID, before: before,
                           after: ["types": types.joined(separator: ", "), "disabled_rules": disabledRules.sorted().joined(separator: ", ")]),
                by: context.actor, on: db, at: context.now)
        }
    }

    // MARK: helpers

    static func liveModule(_ id: UUID, _ context: RequirementContext, on db: any Database) async throws -> RequirementModule {
        guard let module = try await RequirementModule.query(on: db).filter(\.$id == id)
            .filter(\.$projectID == context.projectID).filter(\.$deletedAt == nil).first()
        else { throw Abort(.notFound, reason: "There is no such requirement module in this project.") }
        return module
    }

    static func liveItem(_ id: UUID, _ context: RequirementContext, on db: any Database,
                         type: DocumentItem.ItemType? = nil) async throws -> DocumentItem
    {
        guard let item = try await DocumentItem.query(on: db).filter(\.$id == id)
            .filter(\.$projectID == context.projectID).first(), type.map({ $0 == item.itemType }) ?? true
        else { throw Abort(.notFound, reason: "There is no such \(type?.rawValue ?? "item") in this project.") }
        return item
    }

    static func parentItem(_ id: UUID?, module: RequirementModule, placing type: DocumentItem.ItemType,
                           on db: any Database) async throws -> DocumentItem?
    {
        guard let id else { return nil }
        guard let parent = try await DocumentItem.query(on: db).filter(\.$id == id).filter(\.$moduleID == (try module.requireID())).first()
        else { throw RequirementInvalid(field: "parent", "the parent is not in module \(module.prefix)") }
        if type == .section && parent.itemType == .requirement {
            throw RequirementInvalid(field: "parent", "a section cannot go under a requirement")
        }
        return parent
    }

    static func attributes(of moduleID: UUID, on db: any Database) async throws -> [AttributeDefinition] {
        try await AttributeDefinition.query(on: db).filter(\.$moduleID == moduleID).sort(\.$position).all()
    }

    static func children(module: UUID, parent: UUID?, on db: any Database) async throws -> [DocumentItem] {
        try await DocumentItem.query(on: db).filter(\.$moduleID == module).filter(\.$parentID == parent)
            .sort(\.$position).all()
    }

    static func siblingCount(module: UUID, parent: UUID?, on db: any Database) async throws -> Int {
        try await DocumentItem.query(on: db).filter(\.$moduleID == module).filter(\.$parentID == parent).count()
    }

    static func closeGap(module: UUID, parent: UUID?, after position: Int, on db: any Database) async throws {
        try await renumber(children(module: module, parent: parent, on: db), on: db)
    }

    static func currentFields(_ id: UUID, on db: any Database) async throws -> ArtifactFields {
        guard let artifact = try await Artifact.find(id, on: db) else { throw Abort(.notFound) }
        return try await ArtifactQueries.version(id, artifact.version, on: db).fields()
    }

    static func versionOf(_ id: UUID, on db: any Database) async throws -> Int {
        guard let artifact = try await Artifact.find(id, on: db) else { throw Abort(.notFound) }
        return artifact.version
    }

    static func keyOf(_ id: UUID, on db: any Database) async throws -> String? {
        try await Artifact.find(id, on: db)?.key
    }

    static func artifactID(key: String, field: String, _ context: RequirementContext, on db: any Database) async throws -> UUID {
        guard let artifact = try await ArtifactQueries.artifact(key: key, projectID: context.projectID, on: db),
            artifact.deletedAt == nil, let id = artifact.id
        else { throw RequirementInvalid(field: field, "there is no artifact \(key) in this project") }
        return id
    }

    /// Copies the snapshot's list and search columns into the document row and the search index.
    static func sync(_ item: DocumentItem, artifact: Artifact, fields: ArtifactFields, on db: any Database,
                     isNew: Bool = false) async throws
    {
        func text(_ name: String) -> String { if case .string(let value) = fields[name] { value } else { "" } }
        let statement = item.itemType == .section ? text("text") : text("statement")
        item.status = text("status")
        item.requirementType = text("type")
        item.priority = text("priority")
        if case .list(let tags) = fields["tags"] { item.tags = DocumentItem.joined(tags) } else { item.tags = "" }
        item.statement = statement
        item.findings = item.itemType == .requirement
            ? DocumentItem.joined(Array(Set(QualityChecker().check(statement).map(\.ruleID))).sorted()) : ""
        item.searchText = [artifact.key, artifact.title, statement].joined(separator: " ")
        if isNew { try await item.create(on: db) } else { try await item.save(on: db) }
        let sql = db as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            let id = try item.requireID()
            try await removeFromSearch(id, on: db)
            try await sql.raw("INSERT INTO requirement_search (artifact_id, body) VALUES (\(bind: id), \(bind: item.searchText))").run()
        }
    }

    static func removeFromSearch(_ id: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DELETE FROM requirement_search WHERE artifact_id = \(bind: id)").run()
    }
}
