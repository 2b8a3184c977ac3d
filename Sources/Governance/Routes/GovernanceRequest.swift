import Artifacts
import Foundation
import Platform
import Vapor

/// What the governance pages and API read from a request: ids, statuses, kinds, owners and phases by name.
public enum GovernanceRequest {
    static let idParameter = "governanceID"
    static let packageParameter = "packageKey"

    static func id(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get(idParameter).flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "There is no such phase or organisation in this project.")
        }
        return id
    }

    static func phaseStatus(_ text: String?) throws -> Phase.Status {
        guard let text, !text.isEmpty else { return .planned }
        guard let status = Phase.Status(rawValue: text) else {
            throw FieldsInvalid(field: "status", "“\(text)” is not a phase status (\(Phase.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return status
    }

    static func organisationKind(_ text: String?) throws -> DeliveryOrganisation.Kind {
        guard let text, !text.isEmpty else { return .supplier }
        guard let kind = DeliveryOrganisation.Kind(rawValue: text) else {
            throw FieldsInvalid(field: "kind", "“\(text)” is not an organisation kind (\(DeliveryOrganisation.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    static func packageStatus(_ text: String?) throws -> DesignPackage.Status {
        guard let text, !text.isEmpty else { return .draft }
        guard let status = DesignPackage.Status(rawValue: text) else {
            throw FieldsInvalid(field: "status", "“\(text)” is not a design package status (\(DesignPackage.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return status
    }

    /// The organisation a form or body names by code (nil when empty), or a refusal on `field`. Later modules
    /// (element and interface owners) read owners the same way.
    public static func organisationID(_ code: String?, field: String, _ request: Request) async throws -> UUID? {
        let access = try request.requireProject()
        guard let code = code?.trimmingCharacters(in: .whitespaces), !code.isEmpty else { return nil }
        guard let org = try await GovernanceQueries.organisation(code: code, projectID: access.projectID, on: request.db) else {
            throw FieldsInvalid(field: field, "there is no delivery organisation “\(code)” in \(access.key)")
        }
        return org.id
    }

    public static func phaseID(_ name: String?, field: String, _ request: Request) async throws -> UUID? {
        let access = try request.requireProject()
        guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        guard let phase = try await GovernanceQueries.phase(name: name, projectID: access.projectID, on: request.db) else {
            throw FieldsInvalid(field: field, "there is no phase “\(name)” in \(access.key)")
        }
        return phase.id
    }

    static func package(_ request: Request) async throws -> GovernanceQueries.PackageRow {
        let access = try request.requireProject()
        let key = request.parameters.get(packageParameter) ?? ""
        guard let row = try await GovernanceQueries.package(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no design package \(key) in \(access.key).")
        }
        return row
    }

    /// A package draft from form or JSON fields (owner by code, phase by name).
    static func packageDraft(title: String?, owner: String?, phase: String?, status: String?, description: String?,
                             _ request: Request) async throws -> PackageDraft
    {
        PackageDraft(title: title ?? "", ownerOrgID: try await organisationID(owner, field: "owner", request),
                     phaseID: try await phaseID(phase, field: "phase", request), status: try packageStatus(status),
                     description: description ?? "")
    }
}
