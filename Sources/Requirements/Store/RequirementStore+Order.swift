import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Document order: moving items among their siblings and in the tree.
extension RequirementStore {
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
}
