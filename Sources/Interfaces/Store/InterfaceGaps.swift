import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import SQLKit
import SystemDesign

/// The interface reports: interfaces crossing delivery organisations, and the gaps — elements without
/// interfaces, interfaces without requirements, design packages without elements.
public struct InterfaceGaps: Sendable {
    /// Interfaces whose two sides belong to different organisations (side organisation as given, else the end
    /// element's owner), by organisation pair.
    public let crossOrganisation: [InterfaceQueries.Row]
    /// Interfaces with a side no organisation is responsible for.
    public let unassignedSides: [InterfaceQueries.Row]
    /// Elements with no interface at themselves or any of their parts.
    public let elementsWithoutInterfaces: [SystemElementQueries.Row]
    /// Interfaces no requirement `specifies`.
    public let interfacesWithoutRequirements: [InterfaceQueries.Row]
    public let packagesWithoutElements: [GovernanceQueries.PackageRow]

    public static func load(projectID: UUID, on db: any Database) async throws -> InterfaceGaps {
        let interfaces = try await InterfaceQueries.all(projectID: projectID, on: db).filter { $0.status != .retired }
        let elements = try await SystemElementQueries.all(projectID: projectID, on: db)
        let specified = try await specifiedInterfaces(projectID: projectID, on: db)
        let packages = try await GovernanceQueries.packages(projectID: projectID, on: db)
        return InterfaceGaps(interfaces: interfaces, elements: elements, specified: specified, packages: packages)
    }

    /// The pure part, for tests: everything from rows already read.
    public init(interfaces: [InterfaceQueries.Row], elements: [SystemElementQueries.Row], specified: Set<UUID>,
                packages: [GovernanceQueries.PackageRow])
    {
        crossOrganisation = interfaces.filter {
            !$0.sideAOrganisation.isEmpty && !$0.sideBOrganisation.isEmpty && $0.sideAOrganisation != $0.sideBOrganisation
        }.sorted { ($0.sideAOrganisation, $0.sideBOrganisation, $0.key) < ($1.sideAOrganisation, $1.sideBOrganisation, $1.key) }
        unassignedSides = interfaces.filter { $0.sideAOrganisation.isEmpty || $0.sideBOrganisation.isEmpty }
        // An element "has" an interface when one ends at it or at one of its parts: walk each end up the tree.
        let parents = Dictionary(elements.compactMap { row in row.parentID.map { (row.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var touched: Set<UUID> = []
        for interface in interfaces {
            for end in [interface.sideA, interface.sideB] {
                var current: UUID? = end
                while let id = current, touched.insert(id).inserted { current = parents[id] }
            }
        }
        elementsWithoutInterfaces = elements.filter { !touched.contains($0.id) && $0.status != .retired }
        interfacesWithoutRequirements = interfaces.filter { !specified.contains($0.id) }
        packagesWithoutElements = packages.filter { ($0.contents[SystemDesignKinds.element.id] ?? 0) == 0 && $0.status != .closed }
    }

    /// Ids of interfaces that at least one live requirement specifies.
    static func specifiedInterfaces(projectID: UUID, on db: any Database) async throws -> Set<UUID> {
        let sql = db as! any SQLDatabase
        struct Raw: Decodable { let target_id: UUID }
        let rows = try await sql.raw("""
            SELECT DISTINCT l.target_id FROM artifact_links l JOIN artifacts s ON s.id = l.source_id
            WHERE l.project_id = \(bind: projectID) AND l.kind = \(bind: InterfaceKinds.specifies.id) AND s.deleted_at IS NULL
            """).all(decoding: Raw.self)
        return Set(rows.map(\.target_id))
    }
}
