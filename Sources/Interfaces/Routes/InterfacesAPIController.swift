import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The interfaces JSON API: thin handlers over `InterfaceStore`, `InterfaceQueries` and `N2View`.
enum InterfacesAPIController {
    @Sendable static func list(_ request: Request) async throws -> InterfaceDTOs.InterfaceList {
        let access = try request.requireProject()
        let filter = try InterfaceRequest.filter(request)
        var rows = try await InterfaceQueries.all(projectID: access.projectID, on: request.db).filter(filter.admits)
        if let element = request.query[String.self, at: "element"] {
            rows = rows.filter { $0.sideAKey == element || $0.sideBKey == element }
        }
        return .init(items: rows.map(InterfaceDTOs.InterfaceDTO.init))
    }

    struct DashboardDTO: Content {
        struct Count: Content { var label: String; var count: Int }
        struct Chart: Content { var id: String; var title: String; var counts: [Count] }
        var charts: [Chart]
    }

    @Sendable static func dashboard(_ request: Request) async throws -> DashboardDTO {
        let access = try request.requireProject()
        let dashboard = try await DesignDashboard.load(projectID: access.projectID, on: request.db)
        return DashboardDTO(charts: dashboard.charts.map { chart in
            .init(id: chart.id, title: chart.title, counts: chart.counts.map { .init(label: $0.label, count: $0.count) })
        })
    }

    @Sendable static func gaps(_ request: Request) async throws -> InterfaceDTOs.GapsDTO {
        let access = try request.requireProject()
        return .init(try await InterfaceGaps.load(projectID: access.projectID, on: request.db))
    }

    @Sendable static func show(_ request: Request) async throws -> InterfaceDTOs.InterfaceDTO {
        .init(try await InterfaceRequest.interface(request))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let input = try request.content.decode(InterfaceDTOs.InterfaceInput.self)
        let draft = try await InterfaceRequest.draft(title: input.title, sideA: input.sideA, sideB: input.sideB, type: input.type,
                                                     direction: input.direction, medium: input.medium, status: input.status,
                                                     description: input.description, owner: input.owner,
                                                     interfaceID: input.interfaceID, sideAOrg: input.sideAOrg, sideBOrg: input.sideBOrg, request)
        let artifact = try await InterfaceStore.create(try ArtifactContext(request), draft: draft, key: input.key)
        return try await dto(key: artifact.key, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func update(_ request: Request) async throws -> InterfaceDTOs.InterfaceDTO {
        let row = try await InterfaceRequest.interface(request)
        let input = try request.content.decode(InterfaceDTOs.InterfaceInput.self)
        guard let version = input.version else {
            throw FieldsInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten")
        }
        let draft = try await InterfaceRequest.draft(title: input.title, sideA: input.sideA, sideB: input.sideB, type: input.type,
                                                     direction: input.direction, medium: input.medium, status: input.status,
                                                     description: input.description, owner: input.owner,
                                                     interfaceID: input.interfaceID, sideAOrg: input.sideAOrg, sideBOrg: input.sideBOrg, request)
        try await InterfaceStore.update(try ArtifactContext(request), id: row.id, expectedVersion: version, draft: draft)
        return try await dto(key: row.key, request)
    }

    @Sendable static func delete(_ request: Request) async throws -> HTTPStatus {
        let row = try await InterfaceRequest.interface(request)
        guard let version = request.query[Int.self, at: "version"] else {
            throw FieldsInvalid(field: "version", "send ?version=N, the version you mean to delete")
        }
        try await InterfaceStore.delete(try ArtifactContext(request), id: row.id, expectedVersion: version)
        return .noContent
    }

    @Sendable static func matrix(_ request: Request) async throws -> InterfaceDTOs.MatrixDTO {
        .init(try await InterfaceRequest.view(request).0)
    }

    @Sendable static func types(_ request: Request) async throws -> InterfaceDTOs.TypesDTO {
        let access = try request.requireProject()
        return .init(types: try await InterfaceSettings.of(access.projectID, on: request.db).typeList)
    }

    @Sendable static func saveTypes(_ request: Request) async throws -> InterfaceDTOs.TypesDTO {
        let input = try request.content.decode(InterfaceDTOs.TypesDTO.self)
        try await InterfaceStore.saveTypes(try ArtifactContext(request), types: input.types)
        return try await types(request)
    }

    static func dto(key: String, _ request: Request) async throws -> InterfaceDTOs.InterfaceDTO {
        let access = try request.requireProject()
        guard let row = try await InterfaceQueries.interface(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no interface \(key) in \(access.key).")
        }
        return .init(row)
    }
}
