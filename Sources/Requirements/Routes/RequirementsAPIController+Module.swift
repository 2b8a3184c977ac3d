import Fluent
import Foundation
import Platform
import Vapor

/// Changing modules, their attribute definitions, document order and comment threads through the API.
extension RequirementsAPIController {
    static let attributeParameter = "attributeName"
    static let threadParameter = "threadID"

    @Sendable static func updateModule(_ request: Request) async throws -> RequirementDTOs.ModuleDTO {
        let (module, _) = try await findModule(request)
        let input = try request.content.decode(ModuleDTOs.ModuleUpdate.self)
        let saved = try await RequirementStore.updateModule(
            try RequirementContext(request), moduleID: try module.requireID(), name: input.name,
            description: input.description ?? module.description, parentExpected: input.parentExpected ?? module.parentExpected)
        return try dto(saved, count: nil)
    }

    @Sendable static func deleteModule(_ request: Request) async throws -> HTTPStatus {
        let (module, _) = try await findModule(request)
        try await RequirementStore.deleteModule(try RequirementContext(request), moduleID: try module.requireID())
        return .noContent
    }

    /// `PUT requirements/{key}` on a section: `{version, title, text}`.
    static func updateSection(_ id: UUID, _ request: Request) async throws -> Response {
        struct Input: Content {
            var version: Int?
            var title: String
            var text: String?
        }
        let input = try request.content.decode(Input.self)
        guard let version = input.version else {
            throw RequirementInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten")
        }
        let artifact = try await RequirementStore.updateSection(try RequirementContext(request), id: id, expectedVersion: version,
                                                                title: input.title, text: input.text ?? "")
        struct Output: Content {
            var key: String
            var version: Int
            var title: String
            var text: String
        }
        return try await Output(key: artifact.key, version: artifact.version, title: artifact.title,
                                text: (input.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)).encodeResponse(for: request)
    }

    @Sendable static func attributes(_ request: Request) async throws -> [ModuleDTOs.AttributeDTO] {
        let (module, _) = try await findModule(request)
        return try await RequirementStore.attributes(of: try module.requireID(), on: request.db).map(ModuleDTOs.AttributeDTO.init)
    }

    @Sendable static func defineAttribute(_ request: Request) async throws -> Response {
        let (module, _) = try await findModule(request)
        let input = try request.content.decode(ModuleDTOs.AttributeInput.self)
        guard let type = AttributeDefinition.ValueType(rawValue: input.type ?? "") else {
            let types = AttributeDefinition.ValueType.allCases.map(\.rawValue).joined(separator: ", ")
            throw RequirementInvalid(field: "type", "the type must be one of \(types)")
        }
        let definition = try await RequirementStore.defineAttribute(
            try RequirementContext(request), moduleID: try module.requireID(), name: input.name ?? "", label: input.label,
            type: type, options: input.values ?? [])
        return try await ModuleDTOs.AttributeDTO(definition).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updateAttribute(_ request: Request) async throws -> ModuleDTOs.AttributeDTO {
        let definition = try await findAttribute(request)
        let input = try request.content.decode(ModuleDTOs.AttributeInput.self)
        let saved = try await RequirementStore.updateAttribute(
            try RequirementContext(request), attributeID: try definition.requireID(), label: input.label,
            options: input.values ?? definition.optionList)
        return ModuleDTOs.AttributeDTO(saved)
    }

    @Sendable static func removeAttribute(_ request: Request) async throws -> HTTPStatus {
        let definition = try await findAttribute(request)
        try await RequirementStore.removeAttribute(try RequirementContext(request), attributeID: try definition.requireID())
        return .noContent
    }

    /// One step (`move`) or to a parent and position; answers with the module's document in its new order.
    @Sendable static func move(_ request: Request) async throws -> RequirementDTOs.DocumentDTO {
        let id = try await itemID(request)
        let input = try request.content.decode(ModuleDTOs.MoveInput.self)
        let context = try RequirementContext(request)
        if let step = input.move {
            guard let move = RequirementStore.Move(rawValue: step) else {
                throw RequirementInvalid(field: "move", "the move must be up, down, indent or outdent")
            }
            try await RequirementStore.move(context, id: id, move)
        } else if let position = input.position {
            var parentID: UUID?
            if let parent = input.parent { parentID = try await itemID(key: parent, request) }
            try await RequirementStore.move(context, id: id, parentID: parentID, position: position)
        } else {
            throw RequirementInvalid(field: "move", "give a move (up, down, indent, outdent) or a position (and parent)")
        }
        guard let item = try await DocumentItem.find(id, on: request.db), let module = try await RequirementModule.find(item.moduleID, on: request.db)
        else { throw Abort(.notFound) }
        let settings = try await RequirementSettings.of(context.projectID, on: request.db)
        let rows = try await RequirementQueries.document(module: module, disabledRules: settings.disabledRuleSet, on: request.db)
        return .init(module: try dto(module, count: rows.filter { $0.type == .requirement }.count), items: rows.map(dto))
    }

    @Sendable static func resolveThread(_ request: Request) async throws -> RequirementDTOs.CommentDTO {
        try await setResolved(request, true)
    }

    @Sendable static func reopenThread(_ request: Request) async throws -> RequirementDTOs.CommentDTO {
        try await setResolved(request, false)
    }

    static func setResolved(_ request: Request, _ resolved: Bool) async throws -> RequirementDTOs.CommentDTO {
        guard let threadID = request.parameters.get(threadParameter).flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "There is no such comment thread in this project.")
        }
        try await RequirementStore.setResolved(try RequirementContext(request), threadID: threadID, resolved: resolved)
        guard let thread = try await RequirementComment.find(threadID, on: request.db) else { throw Abort(.notFound) }
        return dto(thread)
    }

    static func findAttribute(_ request: Request) async throws -> AttributeDefinition {
        let (module, _) = try await findModule(request)
        let name = request.parameters.get(attributeParameter) ?? ""
        guard let definition = try await AttributeDefinition.query(on: request.db).filter(\.$moduleID == module.requireID())
            .filter(\.$name == name).first()
        else { throw Abort(.notFound, reason: "Module \(module.prefix) has no attribute \(name).") }
        return definition
    }
}
