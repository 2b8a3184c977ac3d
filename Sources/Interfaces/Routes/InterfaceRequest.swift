import Artifacts
import Foundation
import Platform
import SystemDesign
import TraceEngine
import Vapor

/// What the interface pages and API read from a request: filters, the chosen level, element keys.
enum InterfaceRequest {
    static let keyParameter = "interfaceKey"

    /// `?type=a,b&status=agreed,controlled`; unknown statuses are refused by name.
    static func filter(_ request: Request) throws -> InterfaceQueries.Filter {
        func list(_ name: String) -> [String] {
            (request.query[String.self, at: name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty }
        }
        var statuses: Set<SystemInterface.Status> = []
        for text in list("status") {
            guard let status = SystemInterface.Status(rawValue: text) else {
                throw FieldsInvalid(field: "status", "“\(text)” is not an interface status (\(SystemInterface.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            statuses.insert(status)
        }
        return InterfaceQueries.Filter(types: Set(list("type")), statuses: statuses,
                                       organisation: (request.query[String.self, at: "organisation"] ?? "").trimmingCharacters(in: .whitespaces).uppercased())
    }

    /// The matrix for the request's level (`?level=`) and filters.
    static func view(_ request: Request) async throws -> (N2View, levels: [String], filter: InterfaceQueries.Filter) {
        let access = try request.requireProject()
        let filter = try filter(request)
        let (view, levels) = try await N2View.load(projectID: access.projectID, level: request.query[String.self, at: "level"],
                                                   filter: filter, on: request.db)
        return (view, levels, filter)
    }

    /// The element id a form or body names by key (nil when empty), or a refusal on `field`.
    static func elementID(_ key: String?, field: String, _ request: Request) async throws -> UUID? {
        let access = try request.requireProject()
        guard let key = key?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        guard let row = try await SystemElementQueries.element(key: key, projectID: access.projectID, on: request.db) else {
            throw FieldsInvalid(field: field, "there is no element “\(key)” in \(access.key)")
        }
        return row.id
    }

    static func interface(_ request: Request) async throws -> InterfaceQueries.Row {
        let access = try request.requireProject()
        let key = request.parameters.get(keyParameter) ?? ""
        guard let row = try await InterfaceQueries.interface(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no interface \(key) in \(access.key).")
        }
        return row
    }

    /// A draft from form or JSON fields; unknown statuses are refused, the rest is checked by the store.
    static func draft(title: String?, sideA: String?, sideB: String?, type: String?, direction: String?, medium: String?,
                      status: String?, description: String?, owner: String?, interfaceID: String?, sideAOrg: String?,
                      sideBOrg: String?, _ request: Request) async throws -> InterfaceDraft
    {
        var interfaceStatus = SystemInterface.Status.proposed
        if let status, !status.isEmpty {
            guard let parsed = SystemInterface.Status(rawValue: status) else {
                throw FieldsInvalid(field: "status", "“\(status)” is not an interface status (\(SystemInterface.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            interfaceStatus = parsed
        }
        var draft = InterfaceDraft(title: title ?? "", sideA: try await elementID(sideA, field: "side_a", request),
                                   sideB: try await elementID(sideB, field: "side_b", request), type: type ?? "",
                                   medium: medium ?? "", status: interfaceStatus, description: description ?? "")
        draft.direction = direction ?? N2Matrix.Direction.aToB.rawValue
        draft.owner = owner ?? ""
        draft.projectInterfaceID = interfaceID ?? ""
        draft.sideAOrg = sideAOrg ?? ""
        draft.sideBOrg = sideBOrg ?? ""
        return draft
    }
}
