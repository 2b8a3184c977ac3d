import Fluent
import Foundation
import Platform

/// A project's saved ReqIF field mappings (`ReqIFMapping` rows): read before every import, saved by editors
/// from the import page or the API, each change in the audit trail.
public enum ReqIFMappings {
    /// The saved mappings by source tool.
    public static func all(projectID: UUID, on db: any Database) async throws -> [String: ReqIFFieldMapping] {
        var mappings: [String: ReqIFFieldMapping] = [:]
        for row in try await ReqIFMapping.query(on: db).filter(\.$projectID == projectID).all() { mappings[row.sourceTool] = row.mapping }
        return mappings
    }

    /// Replaces the mapping for `tool` with `choices` (attribute name → target code); choices equal to the
    /// default are not stored. Refused with a reason per field: an empty or over-long tool or attribute name,
    /// an unknown target, more than 1,000 attributes.
    public static func save(_ context: RequirementContext, tool: String, choices: [String: String]) async throws -> ReqIFFieldMapping {
        try context.requireRole(.editor, to: "change ReqIF field mappings")
        let tool = tool.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if tool.isEmpty || tool.count > 200 { errors.append(.init(field: "tool", reason: "the source tool must be 1–200 characters")) }
        if choices.count > 1_000 { errors.append(.init(field: "mapping", reason: "a mapping has at most 1,000 attributes")) }
        var mapping = ReqIFFieldMapping()
        for (attribute, code) in choices.sorted(by: { $0.key < $1.key }) {
            guard !attribute.isEmpty, attribute.count <= 255 else {
                errors.append(.init(field: "mapping", reason: "attribute names must be 1–255 characters"))
                continue
            }
            guard let target = ReqIFFieldMapping.Target(code: code) else {
                errors.append(.init(field: "mapping.\(attribute)", reason: "“\(code)” is not a target; use one of "
                                    + ReqIFFieldMapping.Target.allCases.map(\.code).joined(separator: ", ")))
                continue
            }
            mapping.set(attribute, to: target)
        }
        guard errors.isEmpty else { throw RequirementInvalid(errors: errors) }
        let saved = mapping
        let projectID = context.projectID
        let actor = context.actor
        let now = context.now
        try await context.database.transaction { db in
            let row = try await ReqIFMapping.query(on: db).filter(\.$projectID == projectID).filter(\.$sourceTool == tool).first()
                ?? ReqIFMapping(projectID: projectID, sourceTool: tool)
            let before = row.mapping.entries
            guard before != saved.entries || !row.$id.exists else { return }
            row.entries = String(decoding: try JSONEncoder.sorted.encode(saved.entries), as: UTF8.self)
            row.updatedBy = actor.userID
            row.updatedAt = now
            try await row.save(on: db)
            try await AuditLog.record(
                AuditEvent("reqif-mapping.changed", kind: "reqif-mapping", id: try row.requireID().uuidString.lowercased(), key: tool,
                           project: projectID, before: before, after: saved.entries),
                by: actor, on: db, at: now)
        }
        return saved
    }
}

private extension JSONEncoder {
    /// Sorted keys, so equal mappings are stored as equal text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
