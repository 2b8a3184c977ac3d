import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// The system elements JSON API: thin handlers over `SystemElementStore` and `SystemElementQueries`.
enum ElementsAPIController {
    static let keyParameter = "elementKey"

    /// `?q=` answers the picker (best matches first, `limit` at most 50); without it, the whole tree in order.
    @Sendable static func list(_ request: Request) async throws -> ElementDTOs.ElementList {
        let access = try request.requireProject()
        let all = try await SystemElementQueries.all(projectID: access.projectID, on: request.db)
        let keys = Dictionary(all.map { ($0.id, $0.key) }, uniquingKeysWith: { a, _ in a })
        if let query = request.query[String.self, at: "q"] {
            let limit = min(max(request.query[Int.self, at: "limit"] ?? 20, 1), 50)
            let hits = try await SystemElementQueries.search(query, projectID: access.projectID, limit: limit, on: request.db)
            return .init(items: hits.map { .init($0, parentKey: $0.parentID.flatMap { keys[$0] }) })
        }
        return .init(items: SystemElementQueries.tree(all).map {
            .init($0.element, parentKey: $0.element.parentID.flatMap { keys[$0] }, depth: $0.depth)
        })
    }

    @Sendable static func show(_ request: Request) async throws -> ElementDTOs.ElementDTO {
        let (row, parentKey) = try await element(request)
        return .init(row, parentKey: parentKey)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let input = try request.content.decode(ElementDTOs.ElementInput.self)
        let parentID = try await ElementsController.elementID(input.parent, field: "parent", request)
        let artifact = try await SystemElementStore.create(try ArtifactContext(request), draft: try input.draft(),
                                                           parentID: parentID, key: input.key)
        return try await dto(key: artifact.key, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func update(_ request: Request) async throws -> ElementDTOs.ElementDTO {
        let (row, _) = try await element(request)
        let input = try request.content.decode(ElementDTOs.ElementInput.self)
        guard let version = input.version else {
            throw FieldsInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten")
        }
        try await SystemElementStore.update(try ArtifactContext(request), id: row.id, expectedVersion: version, draft: try input.draft())
        return try await dto(key: row.key, request)
    }

    @Sendable static func move(_ request: Request) async throws -> ElementDTOs.ElementDTO {
        let (row, _) = try await element(request)
        let input = try request.content.decode(ElementDTOs.MoveInput.self)
        let parentID = try await ElementsController.elementID(input.parent, field: "parent", request)
        try await SystemElementStore.move(try ArtifactContext(request), id: row.id, expectedVersion: input.version, under: parentID)
        return try await dto(key: row.key, request)
    }

    @Sendable static func delete(_ request: Request) async throws -> HTTPStatus {
        let (row, _) = try await element(request)
        guard let version = request.query[Int.self, at: "version"] else {
            throw FieldsInvalid(field: "version", "send ?version=N, the version you mean to delete")
        }
        try await SystemElementStore.delete(try ArtifactContext(request), id: row.id, expectedVersion: version)
        return .noContent
    }

    @Sendable static func levels(_ request: Request) async throws -> ElementDTOs.LevelsDTO {
        let access = try request.requireProject()
        return .init(levels: try await SystemDesignSettings.of(access.projectID, on: request.db).levelList)
    }

    @Sendable static func saveLevels(_ request: Request) async throws -> ElementDTOs.LevelsDTO {
        let input = try request.content.decode(ElementDTOs.LevelsDTO.self)
        try await SystemElementStore.saveLevels(try ArtifactContext(request), levels: input.levels)
        return try await levels(request)
    }

    /// The body is the sheet: XLSX when `file` ends in .xlsx, CSV otherwise.
    @Sendable static func importSheet(_ request: Request) async throws -> ElementDTOs.ImportReportDTO {
        let file = request.query[String.self, at: "file"] ?? "elements.csv"
        let dryRun = request.query[String.self, at: "dry_run"] == "1"
        guard let body = request.body.data, body.readableBytes > 0 else {
            throw FieldsInvalid(field: "body", "send the CSV or XLSX file as the request body")
        }
        let table = try ElementSheet.read(Data(buffer: body), file: file)
        let report = try await ElementTableImport.run(try ArtifactContext(request), table: table, file: file, dryRun: dryRun)
        return .init(report, dryRun: dryRun)
    }

    @Sendable static func export(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let format = request.query[String.self, at: "format"] ?? "csv"
        return try await ElementSheet.download(format: format, project: access, on: request.db)
    }

    // MARK: helpers

    static func element(_ request: Request) async throws -> (SystemElementQueries.Row, String?) {
        let access = try request.requireProject()
        let key = request.parameters.get(keyParameter) ?? ""
        guard let row = try await SystemElementQueries.element(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no element \(key) in \(access.key).")
        }
        let parentKey = try await row.parentID.asyncMap { try await Artifact.find($0, on: request.db)?.key } ?? nil
        return (row, parentKey)
    }

    static func dto(key: String, _ request: Request) async throws -> ElementDTOs.ElementDTO {
        let access = try request.requireProject()
        guard let row = try await SystemElementQueries.element(key: key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound, reason: "There is no element \(key) in \(access.key).")
        }
        let parentKey = try await row.parentID.asyncMap { try await Artifact.find($0, on: request.db)?.key } ?? nil
        return .init(row, parentKey: parentKey)
    }
}
