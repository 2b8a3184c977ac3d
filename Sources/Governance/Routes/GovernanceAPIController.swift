import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The governance JSON API: thin handlers over `GovernanceStore`, `DesignPackageStore` and `GovernanceQueries`.
enum GovernanceAPIController {
    typealias D = GovernanceDTOs

    // MARK: organisations

    @Sendable static func organisations(_ request: Request) async throws -> D.Items<D.OrganisationDTO> {
        let access = try request.requireProject()
        return .init(items: try await GovernanceQueries.organisations(projectID: access.projectID, on: request.db).map(D.OrganisationDTO.init))
    }

    @Sendable static func createOrganisation(_ request: Request) async throws -> Response {
        let input = try request.content.decode(D.OrganisationInput.self)
        let org = try await GovernanceStore.createOrganisation(
            try ArtifactContext(request), OrganisationDraft(code: input.code ?? "", name: input.name ?? "",
                                                            kind: try GovernanceRequest.organisationKind(input.kind)))
        return try await D.OrganisationDTO(org).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updateOrganisation(_ request: Request) async throws -> D.OrganisationDTO {
        let access = try request.requireProject()
        let org = try await organisation(request)
        let input = try request.content.decode(D.OrganisationInput.self)
        try await GovernanceStore.updateOrganisation(
            try ArtifactContext(request), id: org.id!, OrganisationDraft(code: input.code ?? "", name: input.name ?? "",
                                                                         kind: try GovernanceRequest.organisationKind(input.kind)))
        guard let saved = try await DeliveryOrganisation.query(on: request.db).filter(\.$id == org.id!)
            .filter(\.$projectID == access.projectID).first() else { throw Abort(.notFound) }
        return D.OrganisationDTO(saved)
    }

    @Sendable static func deleteOrganisation(_ request: Request) async throws -> HTTPStatus {
        let org = try await organisation(request)
        try await GovernanceStore.deleteOrganisation(try ArtifactContext(request), id: org.id!)
        return .noContent
    }

    static func organisation(_ request: Request) async throws -> DeliveryOrganisation {
        let access = try request.requireProject()
        let code = request.parameters.get("code") ?? ""
        guard let org = try await GovernanceQueries.organisation(code: code, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no delivery organisation \(code) in \(access.key).")
        }
        return org
    }

    // MARK: phases

    @Sendable static func phases(_ request: Request) async throws -> D.Items<D.PhaseDTO> {
        let access = try request.requireProject()
        return .init(items: try await GovernanceQueries.phases(projectID: access.projectID, on: request.db).map(D.PhaseDTO.init))
    }

    @Sendable static func createPhase(_ request: Request) async throws -> Response {
        let phase = try await GovernanceStore.createPhase(try ArtifactContext(request), try request.content.decode(D.PhaseInput.self).draft())
        return try await D.PhaseDTO(phase).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updatePhase(_ request: Request) async throws -> D.PhaseDTO {
        let access = try request.requireProject()
        let id = try GovernanceRequest.id(request)
        try await GovernanceStore.updatePhase(try ArtifactContext(request), id: id, try request.content.decode(D.PhaseInput.self).draft())
        guard let saved = try await Phase.query(on: request.db).filter(\.$id == id).filter(\.$projectID == access.projectID).first()
        else { throw Abort(.notFound) }
        return D.PhaseDTO(saved)
    }

    @Sendable static func deletePhase(_ request: Request) async throws -> HTTPStatus {
        try await GovernanceStore.deletePhase(try ArtifactContext(request), id: try GovernanceRequest.id(request))
        return .noContent
    }

    // MARK: design packages

    @Sendable static func packages(_ request: Request) async throws -> D.Items<D.PackageDTO> {
        let access = try request.requireProject()
        return .init(items: try await GovernanceQueries.packages(projectID: access.projectID, on: request.db).map { D.PackageDTO($0) })
    }

    @Sendable static func package(_ request: Request) async throws -> D.PackageDTO {
        try await dto(key: try await GovernanceRequest.package(request).key, request)
    }

    @Sendable static func createPackage(_ request: Request) async throws -> Response {
        let input = try request.content.decode(D.PackageInput.self)
        let draft = try await GovernanceRequest.packageDraft(title: input.title, owner: input.owner, phase: input.phase,
                                                              status: input.status, description: input.description, request)
        let artifact = try await DesignPackageStore.create(try ArtifactContext(request), draft: draft, key: input.key)
        return try await dto(key: artifact.key, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updatePackage(_ request: Request) async throws -> D.PackageDTO {
        let row = try await GovernanceRequest.package(request)
        let input = try request.content.decode(D.PackageInput.self)
        guard let version = input.version else {
            throw FieldsInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten")
        }
        let draft = try await GovernanceRequest.packageDraft(title: input.title, owner: input.owner, phase: input.phase,
                                                              status: input.status, description: input.description, request)
        try await DesignPackageStore.update(try ArtifactContext(request), id: row.id, expectedVersion: version, draft: draft)
        return try await dto(key: row.key, request)
    }

    @Sendable static func deletePackage(_ request: Request) async throws -> HTTPStatus {
        let row = try await GovernanceRequest.package(request)
        guard let version = request.query[Int.self, at: "version"] else {
            throw FieldsInvalid(field: "version", "send ?version=N, the version you mean to delete")
        }
        try await DesignPackageStore.delete(try ArtifactContext(request), id: row.id, expectedVersion: version)
        return .noContent
    }

    @Sendable static func include(_ request: Request) async throws -> D.PackageDTO {
        let row = try await GovernanceRequest.package(request)
        try await DesignPackageStore.include(try ArtifactContext(request), packageID: row.id, key: try request.content.decode(D.ContentInput.self).key)
        return try await dto(key: row.key, request)
    }

    @Sendable static func exclude(_ request: Request) async throws -> HTTPStatus {
        let access = try request.requireProject()
        let row = try await GovernanceRequest.package(request)
        let key = request.parameters.get("artifactKey") ?? ""
        guard let content = try await GovernanceQueries.contents(of: row.id, projectID: access.projectID, on: request.db)
            .first(where: { $0.key == key })
        else { throw Abort(.notFound, reason: "\(key) is not in \(row.key).") }
        try await DesignPackageStore.exclude(try ArtifactContext(request), packageID: row.id, linkID: content.linkID)
        return .noContent
    }

    struct ImportReportDTO: Content {
        var dry_run: Bool
        var created: [String]
        var changed: [String]
        var unchanged: [String]
    }

    @Sendable static func importSheet(_ request: Request) async throws -> ImportReportDTO {
        let file = request.query[String.self, at: "file"] ?? "packages.csv"
        let dryRun = request.query[String.self, at: "dry_run"] == "1"
        let data = request.body.data.map { Data(buffer: $0) } ?? Data()
        let table = try PackagesController.readSheet(data, file: file)
        let report = try await PackageTableImport.run(try ArtifactContext(request), table: table, file: file, dryRun: dryRun)
        return .init(dry_run: dryRun, created: report.created, changed: report.changed, unchanged: report.unchanged)
    }

    @Sendable static func exportSheet(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let table = try await PackageTableImport.table(projectID: access.projectID, on: request.db)
        return try PackagesController.sheet(table, format: request.query[String.self, at: "format"] ?? "csv",
                                            name: "\(access.key)-design-packages", sheetName: "Design packages")
    }

    static func dto(key: String, _ request: Request) async throws -> D.PackageDTO {
        let access = try request.requireProject()
        guard let row = try await GovernanceQueries.package(key: key, projectID: access.projectID, on: request.db) else { throw Abort(.notFound) }
        return D.PackageDTO(row, report: try await PackageReport.load(row, projectID: access.projectID, registry: request.artifactRegistry,
                                                                      on: request.db))
    }
}
