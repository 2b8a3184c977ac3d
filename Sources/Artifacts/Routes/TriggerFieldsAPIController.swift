import Fluent
import Foundation
import Platform
import Vapor

/// A project's trigger fields per artifact kind: read by members, chosen by leads.
enum TriggerFieldsAPIController {
    static let kindParameter = "artifactKind"

    struct KindTriggers: Content {
        var kind: String
        var label: String
        var fields: [String]
        var defaultFields: [String]
        var availableFields: [String]
        var customAttributes: Bool

        enum CodingKeys: String, CodingKey {
            case kind, label, fields
            case defaultFields = "default_fields"
            case availableFields = "available_fields"
            case customAttributes = "custom_attributes"
        }

        static let schema = JSONSchema.object([
            ("kind", .string()), ("label", .string()),
            ("fields", .array(.string(), description: "Fields whose change turns the links at this kind's artifacts suspect")),
            ("default_fields", .array(.string())), ("available_fields", .array(.string())),
            ("custom_attributes", .boolean(description: "attr.<name> fields may be chosen too")),
        ], required: ["kind", "label", "fields", "default_fields", "available_fields", "custom_attributes"])
    }

    struct Input: Content {
        var fields: [String]
    }

    @Sendable static func list(_ request: Request) async throws -> [KindTriggers] {
        let access = try request.requireProject()
        return try await TriggerFieldQueries.all(projectID: access.projectID, registry: request.artifactRegistry, on: request.db)
    }

    @Sendable static func replace(_ request: Request) async throws -> KindTriggers {
        let access = try request.requireProject()
        let kind = request.parameters.get(kindParameter) ?? ""
        let input = try request.content.decode(Input.self)
        try await ArtifactWriter.transaction(on: request.db, projectID: access.projectID, registry: request.artifactRegistry,
                                             actor: request.auditActor, now: request.now) { writer in
            try await writer.setTriggerFields(of: kind, to: input.fields)
        }
        let all = try await TriggerFieldQueries.all(projectID: access.projectID, registry: request.artifactRegistry, on: request.db)
        guard let saved = all.first(where: { $0.kind == kind }) else { throw Abort(.notFound) }
        return saved
    }
}

/// The trigger fields in force for every registered kind of a project.
public enum TriggerFieldQueries {
    static func all(projectID: UUID, registry: ArtifactRegistry, on db: any Database) async throws
        -> [TriggerFieldsAPIController.KindTriggers]
    {
        let chosen = try await fields(projectID: projectID, registry: registry, on: db)
        return registry.kinds.map { kind in
            .init(kind: kind.id, label: kind.label, fields: chosen[kind.id] ?? kind.triggerFields, defaultFields: kind.triggerFields,
                  availableFields: kind.fields, customAttributes: kind.customAttributes)
        }
    }

    /// Kind id → trigger fields in force.
    public static func fields(projectID: UUID, registry: ArtifactRegistry, on db: any Database) async throws -> [String: [String]] {
        let settings = try await TriggerFieldSetting.query(on: db).filter(\.$projectID == projectID).all()
        var result: [String: [String]] = [:]
        for kind in registry.kinds { result[kind.id] = kind.triggerFields }
        for setting in settings { result[setting.kind] = setting.fieldList }
        return result
    }
}
