import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaApp
import TraceEngine
import Vapor

/// The requirements module on a real database: a generated project of N requirements in M modules (the
/// 5-level derivation tree of `ProjectGenerator` plus cross and verification links) is bulk-loaded into
/// SQLite or PostgreSQL, then the operations users wait for are timed through the module's own code paths.
enum RequirementsBenchmark {
    struct Options {
        var requirements = 100_000
        var links = 500_000
        var modules = 50
        var samples = 1_000
        var seed: UInt64 = 42
        /// nil: a fresh SQLite file in a temporary directory.
        var postgresURL: String?

        static func parse(_ arguments: [String]) throws -> Options {
            var options = Options()
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let value = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
                switch flag {
                case "--requirements": options.requirements = try number(value, flag, minimum: 100)
                case "--links": options.links = try number(value, flag, minimum: 0)
                case "--modules": options.modules = try number(value, flag, minimum: 1)
                case "--samples": options.samples = try number(value, flag, minimum: 10)
                case "--seed": options.seed = UInt64(try number(value, flag, minimum: 0))
                case "--postgres":
                    guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") else {
                        throw BenchError("--postgres takes a postgres:// URL of an empty database")
                    }
                    options.postgresURL = value
                default: throw BenchError("unknown option \(flag)")
                }
            }
            return options
        }

        static func number(_ text: String, _ flag: String, minimum: Int) throws -> Int {
            guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= minimum else {
                throw BenchError("\(flag) must be a whole number ≥ \(minimum), not \(text)")
            }
            return value
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func run(_ options: Options) async throws {
        try await BenchApp.run(postgresURL: options.postgresURL) { app, databaseName in
            try await measure(app, options: options, databaseName: databaseName)
        }
    }

    static func measure(_ app: Application, options: Options, databaseName: String) async throws {
        let clock = ContinuousClock()
        var generator = ProjectGenerator(nodes: options.requirements, links: options.links, random: SplitMix64(state: options.seed))
        let edges = generator.edges()
        let loadStart = clock.now
        let project = try await BenchLoader.load(app, requirements: options.requirements, modules: options.modules, edges: edges)
        let loadTime = clock.now - loadStart
        let projectID = project.projectID

        // Graph build from the database, cold (a new cache, as a fresh instance would).
        let cache = TraceGraphCache()
        let buildStart = clock.now
        let graph = try await cache.graph(for: projectID, on: app.db)
        let buildTime = clock.now - buildStart

        // Impact sets over derives-from, upstream, from random requirements.
        var random = SplitMix64(state: options.seed &+ 1)
        var impactTimes: [Duration] = []
        var impactSizes = 0
        for _ in 0..<options.samples {
            let start = graph.ids[random.next(below: graph.ids.count)]
            let began = clock.now
            let impact = TraceQueries.impact(graph: graph, from: start, direction: .upstream, linkKinds: ["derives-from"], maxDepth: nil)
            impactTimes.append(clock.now - began)
            impactSizes += impact?.set.members.count ?? 0
        }

        // Coverage of every requirement of the project for the default definitions: the warm graph (one
        // revision check) is all it reads.
        let coverageStart = clock.now
        let current = try await cache.graph(for: projectID, on: app.db)
        let coverage = TraceQueries.projectCoverage(graph: current, questions: TraceQueries.defaultQuestions)
        let coverageTime = clock.now - coverageStart

        // The project coverage page's per-module table: module membership from the database, then the graph.
        let byModuleStart = clock.now
        let members = try await RequirementQueries.requirementsByModule(projectID: projectID, on: app.db)
        var moduleRows = 0
        for ids in members.values {
            moduleRows += TraceQueries.coverage(graph: current, sourceIDs: ids, questions: TraceQueries.defaultQuestions).count
        }
        let byModuleTime = clock.now - byModuleStart

        // Suspect propagation: edit the statement of the most-linked top-level requirement.
        let top = (0..<min(graph.ids.count, 200)).max { graph.graph.neighbours(of: Int32($0), direction: .both).count
            < graph.graph.neighbours(of: Int32($1), direction: .both).count } ?? 0
        let topID = graph.ids[top]
        let topLinks = graph.graph.neighbours(of: Int32(top), direction: .both).count
        let context = RequirementContext(database: app.db, projectID: projectID, role: .lead, registry: app.artifactRegistry,
                                         actor: AuditActor(userID: nil, label: "sesa-bench"), now: Date())
        let artifact = try requireBench(try await Artifact.find(topID, on: app.db))
        let fields = try await ArtifactQueries.version(topID, artifact.version, on: app.db).fields()
        var draft = RequirementDraft(fields: fields, attributes: [])
        draft.statement += " (changed)"
        let suspectStart = clock.now
        try await RequirementStore.updateRequirement(context, id: topID, expectedVersion: artifact.version, draft: draft)
        let suspectTime = clock.now - suspectStart
        let suspectCount = try await ArtifactLink.query(on: app.db).filter(\.$projectID == projectID).filter(\.$suspect == true).count()

        // The document page of the first module (requirements / modules of them).
        let assets = try AssetManifest.load(publicDirectory: FileManager.default.currentDirectoryPath + "/Public")
        var pageTimes: [Duration] = []
        var pageBytes = 0
        for _ in 0..<5 {
            let began = clock.now
            pageBytes = try await DocumentRendering.render(access: project.access, modulePrefix: "M00", assets: assets, on: app.db)
            pageTimes.append(clock.now - began)
        }

        let perModule = options.requirements / options.modules
        let rows: [(String, Double, Double)] = [
            ("graph build (DB)", TraceBenchmark.ms(buildTime), 3_000),
            ("impact p50", TraceBenchmark.ms(TraceBenchmark.percentile(impactTimes, 0.5)), 20),
            ("impact p95", TraceBenchmark.ms(TraceBenchmark.percentile(impactTimes, 0.95)), 20),
            ("coverage (project)", TraceBenchmark.ms(coverageTime), 150),
            ("coverage by module", TraceBenchmark.ms(byModuleTime), 0),
            ("suspect propagation", TraceBenchmark.ms(suspectTime), 0),
            ("document page p50", TraceBenchmark.ms(TraceBenchmark.percentile(pageTimes, 0.5)), 300),
        ]
        let rss = TraceBenchmark.peakRSSMegabytes()
        print("requirements benchmark on \(databaseName): \(options.requirements) requirements in \(options.modules) modules, "
              + "\(graph.graph.edgeCount) links; load \(String(format: "%.1f", TraceBenchmark.ms(loadTime) / 1000)) s; "
              + "mean impact set \(impactSizes / max(1, options.samples)); page of \(perModule) requirements = \(pageBytes / 1024) KiB; "
              + "\(topLinks) links at the edited requirement, \(suspectCount) suspect after the edit; \(moduleRows) module coverage rows")
        print("metric                 SESA (ms)   target (ms)   ratio")
        for (name, value, target) in rows {
            let ratio = target > 0 ? String(format: "%.2f", value / target) : "—"
            print(name.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "%10.3f", value) + (target > 0 ? String(format: "%14.0f", target) : String(repeating: " ", count: 13) + "—")
                  + "   " + ratio)
        }
        print(String(format: "peak RSS %.1f MB (target 400 MB)", rss))
        let covered = coverage.map { "\"\($0.question.id)\":\(String(format: "%.4f", $0.share))" }.joined(separator: ",")
        print("{\"benchmark\":\"requirements\",\"database\":\"\(databaseName)\",\"requirements\":\(options.requirements),"
              + "\"links\":\(graph.graph.edgeCount)," + rows.map { "\"\($0.0)\":\(String(format: "%.3f", $0.1))" }.joined(separator: ",")
              + ",\"peak_rss_mb\":\(String(format: "%.1f", rss)),\"coverage\":{\(covered)}}")
    }

    static func requireBench<T>(_ value: T?) throws -> T {
        guard let value else { throw BenchError("the generated project is missing a row") }
        return value
    }
}
