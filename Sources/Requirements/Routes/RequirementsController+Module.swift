import Foundation
import Platform
import Vapor

/// Pages that change a module itself: its details and its custom attribute definitions.
extension RequirementsController {
    @Sendable static func saveModuleDetails(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let form = FormPairs(request)
        let values = (name: form["module_name"] ?? "", description: form["module_description"] ?? "",
                      parentExpected: form["module_parent_expected"] == "1")
        do {
            _ = try await RequirementStore.updateModule(try RequirementContext(request), moduleID: try module.requireID(),
                                                        name: values.name, description: values.description,
                                                        parentExpected: values.parentExpected)
            request.flash(.success, "Module \(module.prefix) saved.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, moduleForm: values,
                                            errors: error.errors.map { .init(field: "module_" + $0.field, reason: $0.reason) })
        }
    }

    @Sendable static func deleteModule(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        do {
            try await RequirementStore.deleteModule(try RequirementContext(request), moduleID: try module.requireID())
            request.flash(.success, "Module \(module.prefix) deleted.")
            return request.redirect(to: RequirementRoute.modules(project: access.key).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, errors: error.errors.map { .init(field: "module_delete", reason: $0.reason) })
        }
    }

    @Sendable static func updateAttribute(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let id = try attributeID(request)
        let form = FormPairs(request)
        do {
            let definition = try await RequirementStore.updateAttribute(
                try RequirementContext(request), attributeID: id, label: form["label"] ?? "",
                options: (form["options"] ?? "").components(separatedBy: .newlines))
            request.flash(.success, "Attribute \(definition.label) saved.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, errors: error.errors.map { .init(field: "attribute-\(id.uuidString.lowercased()):\($0.field)", reason: $0.reason) })
        }
    }

    @Sendable static func removeAttribute(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let (module, _) = try await RequirementsAPIController.findModule(request)
        let id = try attributeID(request)
        do {
            try await RequirementStore.removeAttribute(try RequirementContext(request), attributeID: id)
            request.flash(.success, "Attribute removed.")
            return request.redirect(to: RequirementRoute.document(project: access.key, module: module.prefix).path, redirectType: .normal)
        } catch let error as RequirementInvalid {
            return try await renderDocument(request, errors: error.errors.map { .init(field: "attribute-\(id.uuidString.lowercased()):\($0.field)", reason: $0.reason) })
        }
    }

    static func attributeID(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get("attributeID").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "There is no such module attribute.")
        }
        return id
    }
}
