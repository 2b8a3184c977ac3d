import Fluent
import Foundation
import Platform
import TraceEngine
import Vapor

/// Keeps one `ProjectGraph` per recently used project in memory. Every read first asks the database for the
/// project's revision (one indexed row): if it moved — a write in this process or in another app instance on
/// the same PostgreSQL — the graph is rebuilt, so no instance ever answers from a stale graph.
public actor TraceGraphCache {
    private var graphs: [UUID: ProjectGraph] = [:]
    private var builds: [UUID: (revision: Int64, task: Task<ProjectGraph, any Error>)] = [:]
    private var lastUse: [UUID: UInt64] = [:]
    private var tick: UInt64 = 0
    /// Graphs of this many projects stay in memory; the least recently used goes first.
    public let capacity: Int
    public private(set) var buildCount = 0

    public init(capacity: Int = 16) { self.capacity = capacity }

    public func graph(for projectID: UUID, on database: any Database) async throws -> ProjectGraph {
        let revision = try await ProjectRevision.current(projectID, on: database)
        tick += 1
        lastUse[projectID] = tick
        if let graph = graphs[projectID], graph.revision == revision { return graph }
        if let build = builds[projectID], build.revision == revision { return try await build.task.value }
        let task = Task { try await Self.load(projectID: projectID, revision: revision, on: database) }
        builds[projectID] = (revision, task)
        defer { if builds[projectID]?.revision == revision { builds[projectID] = nil } }
        let graph = try await task.value
        buildCount += 1
        if (graphs[projectID]?.revision ?? -1) < graph.revision { graphs[projectID] = graph }
        evict()
        return graph
    }

    private func evict() {
        while graphs.count > capacity,
            let oldest = graphs.keys.min(by: { (lastUse[$0] ?? 0) < (lastUse[$1] ?? 0) })
        {
            graphs[oldest] = nil
            lastUse[oldest] = nil
        }
    }

    /// Two plain SELECTs over the indexed project columns, read positionally (`RowStream`): at 600k rows the
    /// per-row cost is the whole build time. The revision is read before them, so at worst the graph is newer
    /// than its revision label and gets rebuilt once more on the next read.
    static func load(projectID: UUID, revision: Int64, on database: any Database) async throws -> ProjectGraph {
        let artifacts = try await RowStream.map(
            "SELECT id, key, title, kind FROM artifacts WHERE project_id = $1 AND deleted_at IS NULL ORDER BY key",
            [.uuid(projectID)], on: database
        ) { row in (id: try row.uuid(0), key: try row.string(1), title: try row.string(2), kind: try row.string(3)) }
        let links = try await RowStream.map(
            "SELECT source_id, target_id, kind FROM artifact_links WHERE project_id = $1",
            [.uuid(projectID)], on: database
        ) { row in (source: try row.uuid(0), target: try row.uuid(1), kind: try row.string(2)) }
        return ProjectGraph(projectID: projectID, revision: revision, artifacts: artifacts, links: links)
    }
}

extension Application {
    private struct TraceGraphCacheKey: StorageKey { typealias Value = TraceGraphCache }

    public var traceGraphs: TraceGraphCache {
        if let cache = storage[TraceGraphCacheKey.self] { return cache }
        let cache = TraceGraphCache()
        storage[TraceGraphCacheKey.self] = cache
        return cache
    }
}

extension Request {
    public var traceGraphs: TraceGraphCache { application.traceGraphs }
}
