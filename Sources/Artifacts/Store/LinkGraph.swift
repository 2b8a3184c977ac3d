import Fluent
import Foundation
import SQLKit

/// One link kind's links in a project, in memory, for checking many new links for cycles at once
/// (`ArtifactWriter.linkMany`).
struct LinkGraph {
    private var targets: [UUID: [UUID]] = [:]

    init(kind: String, projectID: UUID, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // Two columns through SQLKit: a project can hold tens of thousands of links of a kind.
        let rows = try await sql.select().column("source_id").column("target_id").from(ArtifactLink.schema)
            .where("project_id", .equal, SQLBind(projectID)).where("kind", .equal, SQLBind(kind)).all()
        for row in rows {
            add(try row.decode(column: "source_id", as: UUID.self), try row.decode(column: "target_id", as: UUID.self))
        }
    }

    mutating func add(_ source: UUID, _ target: UUID) { targets[source, default: []].append(target) }

    /// A shortest path of links from `start` to `goal` (both included), or nil: breadth first, as `link` searches.
    func path(from start: UUID, to goal: UUID) -> [UUID]? {
        var parent: [UUID: UUID] = [:]
        var seen: Set<UUID> = [start]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [UUID] = []
            for node in frontier {
                for target in targets[node] ?? [] where seen.insert(target).inserted {
                    parent[target] = node
                    if target == goal {
                        var path = [goal]
                        while let step = parent[path[0]] { path.insert(step, at: 0) }
                        return path
                    }
                    next.append(target)
                }
            }
            frontier = next
        }
        return nil
    }
}
