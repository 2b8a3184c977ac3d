import Artifacts
import Fluent
import Foundation
import Platform
import SQLKit
import SystemDesign
import TraceEngine

/// Reads of interfaces, every one scoped by project: one query with both ends' keys and titles.
public enum InterfaceQueries {
    public struct Row: Sendable, Equatable {
        public let id: UUID
        public let key: String
        public let title: String
        public let version: Int
        public let sideA: UUID
        public let sideB: UUID
        public let sideAKey: String
        public let sideBKey: String
        public let sideATitle: String
        public let sideBTitle: String
        public let type: String
        public let direction: N2Matrix.Direction
        public let medium: String
        public let status: SystemInterface.Status
        public let description: String
        /// Organisation codes ("" when none) and the project interface id ("" when none).
        public let ownerCode: String
        public let projectInterfaceID: String
        /// The side organisations as given on the interface ("" when not given).
        public let sideAOrg: String
        public let sideBOrg: String
        /// The end elements' owners (inherited from the nearest owned ancestor where an end has none).
        public internal(set) var sideAElementOwner: String
        public internal(set) var sideBElementOwner: String

        /// The organisation at each side: the one given, else the end element's owner ("" when neither).
        public var sideAOrganisation: String { sideAOrg.isEmpty ? sideAElementOwner : sideAOrg }
        public var sideBOrganisation: String { sideBOrg.isEmpty ? sideBElementOwner : sideBOrg }
    }

    /// Which interfaces a list or the matrix shows; nil or empty means any.
    public struct Filter: Sendable, Equatable {
        public var types: Set<String> = []
        public var statuses: Set<SystemInterface.Status> = []
        /// A delivery organisation's code: only interfaces it owns or is at a side of.
        public var organisation = ""

        public init(types: Set<String> = [], statuses: Set<SystemInterface.Status> = [], organisation: String = "") {
            self.types = types
            self.statuses = statuses
            self.organisation = organisation
        }

        public func admits(_ row: Row) -> Bool {
            (types.isEmpty || types.contains(row.type)) && (statuses.isEmpty || statuses.contains(row.status))
                && (organisation.isEmpty || row.ownerCode == organisation || row.sideAOrganisation == organisation
                    || row.sideBOrganisation == organisation)
        }
    }

    /// Read positionally (`RowStream`): the N² page reads every interface of the project, and name-based
    /// decoding of 5,000 rows was most of that page's time.
    static func select(_ db: any Database, projectID: UUID, where extra: String? = nil, _ binds: [RowStream.Bind] = [])
        async throws -> [Row]
    {
        let sql = """
            SELECT i.artifact_id, a.key, a.title, a.version, i.side_a_id, i.side_b_id, sa.key AS a_key, sb.key AS b_key,
                   sa.title AS a_title, sb.title AS b_title, i.interface_type, i.direction, i.medium, i.status, i.description,
                   COALESCE(oi.code, ''), COALESCE(i.project_interface_id, ''), COALESCE(osa.code, ''), COALESCE(osb.code, ''),
                   COALESCE(oea.code, ''), COALESCE(oeb.code, '')
            FROM interfaces i JOIN artifacts a ON a.id = i.artifact_id
            JOIN artifacts sa ON sa.id = i.side_a_id JOIN artifacts sb ON sb.id = i.side_b_id
            LEFT JOIN delivery_organisations oi ON oi.id = i.owner_org_id
            LEFT JOIN delivery_organisations osa ON osa.id = i.side_a_org_id
            LEFT JOIN delivery_organisations osb ON osb.id = i.side_b_org_id
            LEFT JOIN system_elements ea ON ea.artifact_id = i.side_a_id LEFT JOIN delivery_organisations oea ON oea.id = ea.owner_org_id
            LEFT JOIN system_elements eb ON eb.artifact_id = i.side_b_id LEFT JOIN delivery_organisations oeb ON oeb.id = eb.owner_org_id
            WHERE i.project_id = $1 AND a.deleted_at IS NULL
            """ + (extra.map { " AND " + $0 } ?? "") + " ORDER BY a.key"
        var rows = try await RowStream.map(sql, [.uuid(projectID)] + binds, on: db) { row in
            Row(id: try row.uuid(0), key: try row.string(1), title: try row.string(2), version: try row.int(3),
                sideA: try row.uuid(4), sideB: try row.uuid(5), sideAKey: try row.string(6), sideBKey: try row.string(7),
                sideATitle: try row.string(8), sideBTitle: try row.string(9), type: try row.string(10),
                direction: N2Matrix.Direction(rawValue: try row.string(11)) ?? .undirected, medium: try row.string(12),
                status: SystemInterface.Status(rawValue: try row.string(13)) ?? .proposed, description: try row.string(14),
                ownerCode: try row.string(15), projectInterfaceID: try row.string(16), sideAOrg: try row.string(17),
                sideBOrg: try row.string(18), sideAElementOwner: try row.string(19), sideBElementOwner: try row.string(20))
        }
        // An end without an owner belongs to its nearest owned ancestor's organisation: resolved here, once per read,
        // so an owner change anywhere up the tree shows at once.
        if rows.contains(where: { $0.sideAElementOwner.isEmpty || $0.sideBElementOwner.isEmpty }) {
            let owners = try await SystemElementQueries.effectiveOwners(projectID: projectID, on: db)
            for index in rows.indices {
                if rows[index].sideAElementOwner.isEmpty { rows[index].sideAElementOwner = owners[rows[index].sideA] ?? "" }
                if rows[index].sideBElementOwner.isEmpty { rows[index].sideBElementOwner = owners[rows[index].sideB] ?? "" }
            }
        }
        return rows
    }

    /// Every live interface of the project, by key.
    public static func all(projectID: UUID, on db: any Database) async throws -> [Row] {
        try await select(db, projectID: projectID)
    }

    public static func interface(key: String, projectID: UUID, on db: any Database) async throws -> Row? {
        try await select(db, projectID: projectID, where: "a.key = $2", [.string(key)]).first
    }

    /// Interfaces with `element` at either end.
    public static func at(element: UUID, projectID: UUID, on db: any Database) async throws -> [Row] {
        try await select(db, projectID: projectID, where: "(i.side_a_id = $2 OR i.side_b_id = $2)", [.uuid(element)])
    }
}
