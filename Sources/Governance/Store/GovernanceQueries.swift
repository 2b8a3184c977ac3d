import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit

/// Reads of organisations, phases and design packages, every one scoped by project.
public enum GovernanceQueries {
    public static func organisations(projectID: UUID, on db: any Database) async throws -> [DeliveryOrganisation] {
        try await DeliveryOrganisation.query(on: db).filter(\.$projectID == projectID).sort(\.$code).all()
    }

    public static func organisation(code: String, projectID: UUID, on db: any Database) async throws -> DeliveryOrganisation? {
        try await DeliveryOrganisation.query(on: db).filter(\.$projectID == projectID)
            .filter(\.$code == code.trimmingCharacters(in: .whitespaces).uppercased()).first()
    }

    /// The id of the organisation with `code` (nil for an empty code), or a refusal naming `field`.
    public static func organisationID(code: String, field: String, projectID: UUID, on db: any Database) async throws -> UUID? {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { return nil }
        guard let org = try await organisation(code: code, projectID: projectID, on: db) else {
            throw FieldsInvalid(field: field, "there is no delivery organisation “\(code)” in this project")
        }
        return org.id
    }

    public static func phases(projectID: UUID, on db: any Database) async throws -> [Phase] {
        try await Phase.query(on: db).filter(\.$projectID == projectID).sort(\.$position).all()
    }

    public static func phase(name: String, projectID: UUID, on db: any Database) async throws -> Phase? {
        try await Phase.query(on: db).filter(\.$projectID == projectID)
            .filter(\.$name == name.trimmingCharacters(in: .whitespaces)).first()
    }

    /// A package with what the lists show: owner code and phase name ("" when none), and how many elements and
    /// interfaces (any kind) it holds.
    public struct PackageRow: Sendable, Equatable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let ownerOrgID: UUID?
        public let ownerCode: String
        public let phaseID: UUID?
        public let phaseName: String
        public let status: DesignPackage.Status
        public let description: String
        /// Contents by artifact kind, e.g. ["system-element": 4, "interface": 2].
        public let contents: [String: Int]
    }

    public static func packages(projectID: UUID, on db: any Database) async throws -> [PackageRow] {
        try await selectPackages(db, projectID: projectID)
    }

    public static func package(key: String, projectID: UUID, on db: any Database) async throws -> PackageRow? {
        try await selectPackages(db, projectID: projectID, key: key).first
    }

    static func selectPackages(_ db: any Database, projectID: UUID, key: String? = nil) async throws -> [PackageRow] {
        let sql = db as! any SQLDatabase
        var query = sql.select()
            .column(SQLColumn("artifact_id", table: "p")).column(SQLColumn("key", table: "a")).column(SQLColumn("title", table: "a"))
            .column(SQLColumn("version", table: "a")).column(SQLColumn("owner_org_id", table: "p"))
            .column(SQLColumn("phase_id", table: "p")).column(SQLColumn("status", table: "p"))
            .column(SQLColumn("description", table: "p"))
            .column(SQLColumn("code", table: "o")).column(SQLColumn("name", table: "ph"))
            .from(SQLAlias(SQLIdentifier(DesignPackage.schema), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier(Artifact.schema), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal, SQLColumn("artifact_id", table: "p"))
            .join(SQLAlias(SQLIdentifier(DeliveryOrganisation.schema), as: SQLIdentifier("o")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "o"), .equal, SQLColumn("owner_org_id", table: "p"))
            .join(SQLAlias(SQLIdentifier(Phase.schema), as: SQLIdentifier("ph")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "ph"), .equal, SQLColumn("phase_id", table: "p"))
            .where(SQLColumn("project_id", table: "p"), .equal, SQLBind(projectID))
            .where(SQLColumn("deleted_at", table: "a"), .is, SQLLiteral.null)
            .orderBy(SQLColumn("key", table: "a"))
        if let key { query = query.where(SQLColumn("key", table: "a"), .equal, SQLBind(key)) }
        struct Raw: Decodable {
            let artifact_id: UUID, key: String, title: String, version: Int, owner_org_id: UUID?, phase_id: UUID?
            let status: String, description: String, code: String?, name: String?
        }
        let raws = try await query.all(decoding: Raw.self)
        let counts = try await contentCounts(projectID: projectID, packages: key == nil ? nil : raws.map(\.artifact_id), on: db)
        return raws.map { raw in
            PackageRow(id: raw.artifact_id, key: raw.key, title: raw.title, version: raw.version, ownerOrgID: raw.owner_org_id,
                       ownerCode: raw.code ?? "", phaseID: raw.phase_id, phaseName: raw.name ?? "",
                       status: DesignPackage.Status(rawValue: raw.status) ?? .draft, description: raw.description,
                       contents: counts[raw.artifact_id] ?? [:])
        }
    }

    /// Per package, how many live artifacts of each kind it holds.
    static func contentCounts(projectID: UUID, packages: [UUID]?, on db: any Database) async throws -> [UUID: [String: Int]] {
        let sql = db as! any SQLDatabase
        var query = sql.select().column(SQLColumn("target_id", table: "l")).column(SQLColumn("kind", table: "a"))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier(ArtifactLink.schema), as: SQLIdentifier("l")))
            .join(SQLAlias(SQLIdentifier(Artifact.schema), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal, SQLColumn("source_id", table: "l"))
            .where(SQLColumn("project_id", table: "l"), .equal, SQLBind(projectID))
            .where(SQLColumn("kind", table: "l"), .equal, SQLBind(GovernanceKinds.inPackage.id))
            .where(SQLColumn("deleted_at", table: "a"), .is, SQLLiteral.null)
            .groupBy(SQLColumn("target_id", table: "l")).groupBy(SQLColumn("kind", table: "a"))
        if let packages { query = query.where(SQLColumn("target_id", table: "l"), .in, SQLBind.group(packages)) }
        struct Raw: Decodable { let target_id: UUID, kind: String, n: Int }
        var counts: [UUID: [String: Int]] = [:]
        for raw in try await query.all(decoding: Raw.self) { counts[raw.target_id, default: [:]][raw.kind] = raw.n }
        return counts
    }

    /// What a package holds: each content artifact with the id of its `in-package` link, in key order.
    public struct Content: Sendable, Equatable {
        public let linkID: UUID
        public let artifactID: UUID
        public let kind: String
        public let key: String
        public let title: String
    }

    public static func contents(of packageID: UUID, projectID: UUID, on db: any Database) async throws -> [Content] {
        let sql = db as! any SQLDatabase
        struct Raw: Decodable { let link_id: UUID, id: UUID, kind: String, key: String, title: String }
        return try await sql.select().column(SQLColumn("id", table: "l"), as: "link_id").column(SQLColumn("id", table: "a"))
            .column(SQLColumn("kind", table: "a")).column(SQLColumn("key", table: "a")).column(SQLColumn("title", table: "a"))
            .from(SQLAlias(SQLIdentifier(ArtifactLink.schema), as: SQLIdentifier("l")))
            .join(SQLAlias(SQLIdentifier(Artifact.schema), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal, SQLColumn("source_id", table: "l"))
            .where(SQLColumn("project_id", table: "l"), .equal, SQLBind(projectID))
            .where(SQLColumn("kind", table: "l"), .equal, SQLBind(GovernanceKinds.inPackage.id))
            .where(SQLColumn("target_id", table: "l"), .equal, SQLBind(packageID))
            .where(SQLColumn("deleted_at", table: "a"), .is, SQLLiteral.null)
            .orderBy(SQLColumn("key", table: "a"))
            .all(decoding: Raw.self)
            .map { Content(linkID: $0.link_id, artifactID: $0.id, kind: $0.kind, key: $0.key, title: $0.title) }
    }
}
