import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The architectures JSON API: thin handlers over `ArchitectureStore` and `ArchitectureQueries`.
enum ArchitecturesAPIController {
    struct ArchitectureDTO: Content {
        var key: String
        var title: String
        var version: Int
        var status: String
        var description: String
        var nodes: [String]
        var approvedBy: String
        var approvedAt: Date?
        var approvedVersion: Int?

        enum CodingKeys: String, CodingKey {
            case key, title, version, status, description, nodes
            case approvedBy = "approved_by"
            case approvedAt = "approved_at"
            case approvedVersion = "approved_version"
        }

        static let schema = JSONSchema.object([
            ("key", .string(description: "Stable key, e.g. AR-001")), ("title", .string()), ("version", .integer()),
            ("status", .string(enumValues: Architecture.Status.allCases.map(\.rawValue))), ("description", .string()),
            ("nodes", .array(.string(), description: "Element keys, in tree order")),
            ("approved_by", .string(description: "Who approved it (empty until approved)")),
            ("approved_at", .nullable(.string(format: "date-time"))), ("approved_version", .nullable(.integer())),
        ], required: ["key", "title", "version", "status", "description", "nodes", "approved_by"])
    }

    struct ArchitectureInput: Content {
        var key: String?
        var version: Int?
        var title: String?
        var description: String?
        var nodes: [String]?

        static let schema = JSONSchema.object([
            ("key", .string(description: "Create only: a key of your own; allocated (AR-###) when absent")),
            ("version", .integer(description: "Update only: the version you edited")), ("title", .string()), ("description", .string()),
            ("nodes", .array(.string(), description: "Element keys")),
        ], required: ["title", "nodes"])
    }

    struct StatusInput: Content {
        var status: String
        var version: Int
        static let schema = JSONSchema.object([
            ("status", .string(enumValues: Architecture.Status.allCases.map(\.rawValue))), ("version", .integer(description: "The version you saw")),
        ], required: ["status", "version"])
    }

    struct Items: Content { var items: [ArchitectureDTO] }

    static func status(_ text: String?) throws -> Architecture.Status {
        guard let text, let status = Architecture.Status(rawValue: text) else {
            throw FieldsInvalid(field: "status", "“\(text ?? "")” is not an architecture status (\(Architecture.Status.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return status
    }

    @Sendable static func list(_ request: Request) async throws -> Items {
        let access = try request.requireProject()
        let tree = try await SystemElementQueries.tree(projectID: access.projectID, on: request.db).map(\.element)
        var items: [ArchitectureDTO] = []
        for row in try await ArchitectureQueries.all(projectID: access.projectID, on: request.db) {
            items.append(try await dto(row, tree: tree, request))
        }
        return Items(items: items)
    }

    @Sendable static func show(_ request: Request) async throws -> ArchitectureDTO {
        try await dto(try await ArchitecturesController.find(request), request)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let input = try request.content.decode(ArchitectureInput.self)
        let artifact = try await ArchitectureStore.create(
            try ArtifactContext(request), draft: .init(title: input.title ?? "", description: input.description ?? "", nodes: input.nodes ?? []),
            key: input.key)
        guard let row = try await ArchitectureQueries.architecture(key: artifact.key, projectID: access.projectID, on: request.db) else {
            throw Abort(.notFound)
        }
        return try await dto(row, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func update(_ request: Request) async throws -> ArchitectureDTO {
        let row = try await ArchitecturesController.find(request)
        let input = try request.content.decode(ArchitectureInput.self)
        guard let version = input.version else {
            throw FieldsInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten")
        }
        try await ArchitectureStore.update(try ArtifactContext(request), id: row.id, expectedVersion: version,
                                           draft: .init(title: input.title ?? "", description: input.description ?? "", nodes: input.nodes ?? []))
        return try await show(request)
    }

    @Sendable static func transition(_ request: Request) async throws -> ArchitectureDTO {
        let row = try await ArchitecturesController.find(request)
        let input = try request.content.decode(StatusInput.self)
        try await ArchitectureStore.transition(try ArtifactContext(request), id: row.id, expectedVersion: input.version, to: try status(input.status))
        return try await show(request)
    }

    /// `tree`: the project's elements in tree order, when the caller has them already (a list reads it once).
    static func dto(_ row: ArchitectureQueries.Row, tree: [SystemElementQueries.Row]? = nil, _ request: Request) async throws -> ArchitectureDTO {
        let access = try request.requireProject()
        let nodes = try await ArchitectureQueries.nodes(of: row.id, on: request.db)
        let elements: [SystemElementQueries.Row]
        if let tree { elements = tree } else { elements = try await SystemElementQueries.tree(projectID: access.projectID, on: request.db).map(\.element) }
        let keys = elements.filter { nodes.contains($0.id) }.map(\.key)
        return ArchitectureDTO(key: row.key, title: row.title, version: row.version, status: row.status.rawValue, description: row.description,
                               nodes: keys, approvedBy: row.approvedBy, approvedAt: row.approvedAt, approvedVersion: row.approvedVersion)
    }
}
