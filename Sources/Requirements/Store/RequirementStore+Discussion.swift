import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import TraceEngine
import Vapor

/// Comment threads and links between artifacts, including clearing suspect links.
extension RequirementStore {
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
}
