import Fluent
import Foundation
import Governance
import Platform
import SystemDesign

/// Counts by status (and level, and type) for the governance, system design and interfaces modules, and the
/// sizes of the gap lists: what the design dashboard charts and `GET design-dashboard` answers.
public struct DesignDashboard: Sendable {
    public typealias Counts = [(label: String, count: Int)]

    public let phases: Counts
    public let packages: Counts
    public let scope: Counts
    public let elementsByLevel: Counts
    public let elementsByStatus: Counts
    public let architectures: Counts
    public let interfacesByStatus: Counts
    public let interfacesByType: Counts
    public let documents: Counts
    public let gaps: Counts

    public static func load(projectID: UUID, on db: any Database) async throws -> DesignDashboard {
        func counts(_ values: [String], order: [String]) -> Counts {
            var tally: [String: Int] = [:]
            for value in values { tally[value, default: 0] += 1 }
            let extra = tally.keys.filter { !order.contains($0) }.sorted()
            return (order + extra).map { ($0, tally[$0] ?? 0) }
        }
        let elements = try await SystemElementQueries.all(projectID: projectID, on: db)
        let interfaces = try await InterfaceQueries.all(projectID: projectID, on: db)
        let levels = try await SystemDesignSettings.of(projectID, on: db).levelList
        let types = try await InterfaceSettings.of(projectID, on: db).typeList
        let packages = try await GovernanceQueries.packages(projectID: projectID, on: db)
        let gaps = InterfaceGaps(interfaces: interfaces.filter { $0.status != .retired }, elements: elements,
                                 specified: try await InterfaceGaps.specifiedInterfaces(projectID: projectID, on: db), packages: packages)
        return DesignDashboard(
            phases: counts(try await GovernanceQueries.phases(projectID: projectID, on: db).map(\.status.rawValue),
                           order: Phase.Status.allCases.map(\.rawValue)),
            packages: counts(packages.map(\.status.rawValue),
                             order: DesignPackage.Status.allCases.map(\.rawValue)),
            scope: counts(try await ScopeQueries.all(projectID: projectID, on: db).map(\.status.rawValue),
                          order: ScopeAllocation.Status.allCases.map(\.rawValue)),
            elementsByLevel: counts(elements.map(\.level), order: levels),
            elementsByStatus: counts(elements.map(\.status.rawValue), order: SystemElement.Status.allCases.map(\.rawValue)),
            architectures: counts(try await ArchitectureQueries.all(projectID: projectID, on: db).map(\.status.rawValue),
                                  order: Architecture.Status.allCases.map(\.rawValue)),
            interfacesByStatus: counts(interfaces.map(\.status.rawValue), order: SystemInterface.Status.allCases.map(\.rawValue)),
            interfacesByType: counts(interfaces.map(\.type), order: types),
            documents: counts(try await InterfaceDocumentQueries.all(projectID: projectID, on: db).map(\.document.status.rawValue),
                              order: InterfaceDocument.Status.allCases.map(\.rawValue)),
            gaps: [("cross-organisation", gaps.crossOrganisation.count), ("unassigned sides", gaps.unassignedSides.count),
                   ("elements without interfaces", gaps.elementsWithoutInterfaces.count),
                   ("interfaces without requirements", gaps.interfacesWithoutRequirements.count),
                   ("packages without elements", gaps.packagesWithoutElements.count)])
    }

    /// Every chart with its name, for the page and the API.
    public var charts: [(id: String, title: String, counts: Counts)] {
        [("phases", "Phases by status", phases), ("packages", "Design packages by status", packages),
         ("scope", "Scope allocations by status", scope), ("elements_by_level", "Elements by level", elementsByLevel),
         ("elements_by_status", "Elements by status", elementsByStatus), ("architectures", "Architectures by status", architectures),
         ("interfaces_by_status", "Interfaces by status", interfacesByStatus), ("interfaces_by_type", "Interfaces by type", interfacesByType),
         ("documents", "IDS and ICD documents by status", documents), ("gaps", "Interface reports (open items)", gaps)]
    }
}
