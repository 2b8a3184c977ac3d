import Fluent
import Foundation
import Platform
import Artifacts
import SystemDesign
import TraceEngine

/// The N² matrix of the project at one level of the element tree, with the interface filters applied: maps the
/// element and interface rows to `N2Matrix`'s indices and back, so pages, exports and the API read one thing.
public struct N2View: Sendable {
    public let level: String
    /// The whole tree in order (the matrix rolls deeper elements up to their ancestor at `level`).
    public let elements: [SystemElementQueries.Row]
    /// The interfaces that pass the filter, in key order.
    public let interfaces: [InterfaceQueries.Row]
    public let matrix: N2Matrix

    public init(elements tree: [SystemElementQueries.Row], interfaces all: [InterfaceQueries.Row], level: String,
                filter: InterfaceQueries.Filter)
    {
        self.level = level
        elements = tree
        var index: [UUID: Int] = [:]
        for (i, element) in tree.enumerated() { index[element.id] = i }
        let parents = tree.map { $0.parentID.flatMap { index[$0] } }
        let rows = tree.indices.filter { tree[$0].level == level }
        var shown: [InterfaceQueries.Row] = []
        var inputs: [N2Matrix.Interface] = []
        for interface in all where filter.admits(interface) {
            guard let a = index[interface.sideA], let b = index[interface.sideB] else { continue }
            shown.append(interface)
            inputs.append(N2Matrix.Interface(a: a, b: b, direction: interface.direction))
        }
        interfaces = shown
        matrix = N2Matrix(parents: parents, rows: rows, interfaces: inputs)
    }

    /// The element shown in matrix row `row`.
    public func element(row: Int) -> SystemElementQueries.Row { elements[matrix.rows[row]] }

    /// The matrix row of the element with `key`, if it is shown.
    public func row(of key: String) -> Int? { matrix.rows.firstIndex { elements[$0].key == key } }

    /// The interfaces in a cell (what flows from row to column; the diagonal: those inside the element).
    public func interfaces(_ row: Int, _ column: Int) -> [InterfaceQueries.Row] {
        matrix.cell(row, column).map { interfaces[$0.interface] }
    }

    /// The matrix as a sheet: element keys down and across, each cell the number of interfaces flowing from the
    /// row's element to the column's (the diagonal: interfaces inside the element).
    public var table: [[String]] {
        let keys = matrix.rows.map { elements[$0].key }
        var rows = [[""] + keys]
        for row in matrix.rows.indices {
            rows.append([keys[row]] + matrix.rows.indices.map { column in
                let count = matrix.cell(row, column).count
                return count == 0 ? "" : String(count)
            })
        }
        return rows
    }

    /// The project's matrix at `level` (nil or empty: the first level that has elements) with `filter`: two
    /// queries, whatever the size. Also answers the project's levels, for the level choice.
    public static func load(projectID: UUID, level: String?, filter: InterfaceQueries.Filter, on db: any Database) async throws
        -> (N2View, levels: [String])
    {
        let tree = try await SystemElementQueries.tree(projectID: projectID, on: db).map(\.element)
        let levels = try await SystemDesignSettings.of(projectID, on: db).levelList
        var chosen = level ?? ""
        if chosen.isEmpty {
            let used = Set(tree.map(\.level))
            chosen = levels.first(where: used.contains) ?? levels.first ?? ""
        } else if !levels.contains(chosen) {
            throw FieldsInvalid(field: "level", "“\(chosen)” is not one of the project's levels (\(levels.joined(separator: ", ")))")
        }
        let interfaces = try await InterfaceQueries.all(projectID: projectID, on: db)
        return (N2View(elements: tree, interfaces: interfaces, level: chosen, filter: filter), levels)
    }
}
