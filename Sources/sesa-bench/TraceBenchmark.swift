import Foundation
import TraceEngine

/// Graph build and impact-set latency of `TraceGraph` against the obvious implementation
/// (`[Int: [Int]]` adjacency and a `Set` of visited nodes), on the same generated project.
enum TraceBenchmark {
    struct Options {
        var nodes = 100_000
        var links = 500_000
        var samples = 1_000
        var seed: UInt64 = 42

        static func parse(_ arguments: [String]) throws -> Options {
            var options = Options()
            var iterator = arguments.makeIterator()
            while let flag = iterator.next() {
                guard let value = iterator.next() else { throw BenchError("\(flag) needs a value") }
                switch flag {
                case "--nodes": options.nodes = try number(value, flag, minimum: 10)
                case "--links": options.links = try number(value, flag, minimum: 1)
                case "--samples": options.samples = try number(value, flag, minimum: 1)
                case "--seed": options.seed = UInt64(try number(value, flag, minimum: 0))
                default: throw BenchError("unknown option \(flag)")
                }
            }
            return options
        }

        private static func number(_ text: String, _ flag: String, minimum: Int) throws -> Int {
            guard let value = Int(text), value >= minimum else { throw BenchError("\(flag) must be a number ≥ \(minimum)") }
            return value
        }
    }

    static func run(_ options: Options) {
        var generator = ProjectGenerator(nodes: options.nodes, links: options.links, random: SplitMix64(state: options.seed))
        let edges = generator.edges()
        // Derivation impact: what a change to a requirement can invalidate below it.
        let kinds: Set<TraceGraph.LinkKind> = [ProjectGenerator.derives]

        let clock = ContinuousClock()
        var graph: TraceGraph!
        let build = clock.measure { graph = TraceGraph(nodeCount: options.nodes, edges: edges) }
        var reference: ReferenceGraph!
        let referenceBuild = clock.measure { reference = ReferenceGraph(edges: edges) }

        // Random starts (any requirement) and top-level starts (system requirements, the largest impact sets).
        var random = SplitMix64(state: options.seed ^ 0xABCD)
        let topLevel = max(1, ProjectGenerator(nodes: options.nodes, links: 0, random: .init(state: 0)).levelStarts()[1])
        let anyStarts = (0..<options.samples).map { _ in Int32(random.next(below: options.nodes)) }
        let topStarts = (0..<options.samples).map { _ in Int32(random.next(below: topLevel)) }
        var sizes = (any: 0, top: 0)
        func measure(_ starts: [Int32], _ size: inout Int, _ body: (Int32) -> Int) -> [Duration] {
            starts.map { start in clock.measure { size += body(start) } }
        }
        let impactAny = measure(anyStarts, &sizes.any) { graph.impactSet(from: $0, direction: .upstream, kinds: kinds).members.count }
        let impactTop = measure(topStarts, &sizes.top) { graph.impactSet(from: $0, direction: .upstream, kinds: kinds).members.count }
        var referenceSizes = (any: 0, top: 0)
        let referenceAny = measure(anyStarts, &referenceSizes.any) { reference.impactSet(from: Int($0), kinds: kinds).count }
        let referenceTop = measure(topStarts, &referenceSizes.top) { reference.impactSet(from: Int($0), kinds: kinds).count }
        precondition(sizes == referenceSizes, "TraceGraph and the reference disagree on impact sets")

        let rows: [(String, Duration, Duration)] = [
            ("graph build", build, referenceBuild),
            ("impact p50 (any)", percentile(impactAny, 0.50), percentile(referenceAny, 0.50)),
            ("impact p95 (any)", percentile(impactAny, 0.95), percentile(referenceAny, 0.95)),
            ("impact p50 (top)", percentile(impactTop, 0.50), percentile(referenceTop, 0.50)),
            ("impact p95 (top)", percentile(impactTop, 0.95), percentile(referenceTop, 0.95)),
        ]
        print("trace benchmark: \(options.nodes) nodes, \(edges.count) links, \(options.samples) impact sets per row "
            + "(mean size: any \(sizes.any / options.samples), top-level \(sizes.top / options.samples)); "
            + "reference = naive [Int: [Int]] graph")
        print("metric".padding(toLength: 18, withPad: " ", startingAt: 0) + "    SESA (ms)  reference (ms)   speed-up")
        for (name, ours, theirs) in rows {
            print(name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "%13.3f %15.3f %9.1f×", ms(ours), ms(theirs), ms(theirs) / max(ms(ours), 0.000_001)))
        }
        let peak = peakRSSMegabytes()
        print(String(format: "peak RSS %.1f MB", peak))
        let json: [String: Any] = [
            "benchmark": "trace", "nodes": options.nodes, "links": edges.count, "samples": options.samples,
            "graph_build_ms": ms(build), "impact_any_p95_ms": ms(rows[2].1), "impact_top_p95_ms": ms(rows[4].1),
            "reference_graph_build_ms": ms(referenceBuild), "reference_impact_top_p95_ms": ms(rows[4].2),
            "peak_rss_mb": peak,
        ]
        if let data = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func percentile(_ durations: [Duration], _ p: Double) -> Duration {
        let sorted = durations.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// VmHWM from /proc: the peak resident set of this process.
    static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }

    /// Starts a new high-water mark, so `peakRSSMegabytes` answers for what follows (Linux's `clear_refs`).
    static func resetPeakRSS() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}

/// The reference: what one writes first. Same traversal, hash-based storage.
struct ReferenceGraph {
    var incoming: [Int: [(Int, UInt8)]] = [:]

    init(edges: [TraceGraph.Edge]) {
        for edge in edges { incoming[Int(edge.target), default: []].append((Int(edge.source), edge.kind)) }
    }

    func impactSet(from start: Int, kinds: Set<UInt8>) -> [Int] {
        var visited: Set<Int> = [start]
        var result: [Int] = []
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [Int] = []
            for node in frontier {
                for (neighbour, kind) in incoming[node] ?? [] where kinds.contains(kind) && !visited.contains(neighbour) {
                    visited.insert(neighbour)
                    result.append(neighbour)
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return result
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
