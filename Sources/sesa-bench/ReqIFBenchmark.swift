import Foundation
import Interchange

/// ReqIF reading and writing against two references in one run: the Python `reqif` library's parse (timed
/// inside Python, without interpreter start-up) and `xmllint --stream` (libxml2's streaming reader, which
/// checks well-formedness only and builds nothing — the floor for any parser).
enum ReqIFBenchmark {
    struct Options {
        var objects = 100_000
        var runs = 3
        /// The largest `.reqif` of `$SESA_TESTDATA/reqif/valid` unless given.
        var sharedFile: String?
        var python: String?
        var keep: String?

        static func parse(_ arguments: [String]) throws -> Options {
            var options = Options()
            try BenchFlags.parse(arguments) { flag, value in
                switch flag {
                case "--objects": options.objects = try BenchFlags.number(value, flag, minimum: 100)
                case "--runs": options.runs = try BenchFlags.number(value, flag, minimum: 1)
                case "--file": options.sharedFile = value
                case "--python": options.python = value
                case "--keep": options.keep = value
                default: return false
                }
                return true
            }
            return options
        }
    }

    struct Row {
        let name: String
        let sesa: Double
        let python: Double?
        let xmllint: Double?
        let rss: Double
    }

    static func run(_ options: Options) throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sesa-reqif-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let python = options.python ?? (FileManager.default.isExecutableFile(atPath: ".venv/bin/python") ? ".venv/bin/python" : "python3")

        let document = generate(objects: options.objects)
        let writer = ReqIFWriter(timestamp: "2026-01-01T00:00:00Z")
        var data = Data()
        let exportTime = median(options.runs) { data = writer.write(document) }
        let generated = directory.appendingPathComponent("generated-\(options.objects).reqif")
        try data.write(to: generated)
        if let keep = options.keep { try data.write(to: URL(fileURLWithPath: keep)) }
        let megabytes = data.count / 1_048_576
        data = Data()

        var rows: [Row] = []
        var files: [(String, URL)] = [("generated \(options.objects / 1000)k objects", generated)]
        if let shared = options.sharedFile.map(URL.init(fileURLWithPath:)) ?? largestSharedFile() {
            files.append(("largest shared (\(shared.lastPathComponent.prefix(28)))", shared))
        }
        var counts = ""
        for (name, url) in files {
            // Small files are read many times per sample, so that a sample of SESA's lasts about a tenth of a second
            // and a blip of the machine is not a tenth of it; both sides take the median of `runs` such samples.
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            let repeats = max(1, 100_000_000 / max(size, 1))
            let sesa = try readInChild(url, runs: options.runs, repeats: repeats)
            if counts.isEmpty { counts = sesa.counts }
            let pythonTime = pythonParse(python, url, repeats: repeats, runs: options.runs)
            let xmllint = xmllintStream(url, repeats: min(repeats, 60), runs: options.runs)
            rows.append(Row(name: "read \(name)", sesa: sesa.ms, python: pythonTime, xmllint: xmllint, rss: sesa.rss))
        }

        print("ReqIF benchmark: generated file \(megabytes) MB (\(counts)); median of \(options.runs) runs")
        print("metric".padding(toLength: 52, withPad: " ", startingAt: 0)
              + "   SESA (ms)  python reqif (ms)  xmllint --stream (ms)  ×faster than python  ×xmllint  SESA peak RSS (MB)")
        for row in rows {
            let faster = row.python.map { String(format: "%.1f", $0 / row.sesa) } ?? "—"
            let versusLint = row.xmllint.map { String(format: "%.2f", row.sesa / $0) } ?? "—"
            print(row.name.padding(toLength: 52, withPad: " ", startingAt: 0)
                  + String(format: " %11.2f", row.sesa) + (row.python.map { String(format: " %18.2f", $0) } ?? String(repeating: " ", count: 18) + "—")
                  + (row.xmllint.map { String(format: " %22.2f", $0) } ?? String(repeating: " ", count: 22) + "—")
                  + faster.leftPadded(21) + versusLint.leftPadded(10) + String(format: " %19.1f", row.rss))
        }
        print(String(format: "export of %d objects: %.0f ms (target 5000 ms)", options.objects, exportTime))
        print("targets: reading ≥ 20× faster than python reqif, within 3× of xmllint --stream, reader peak RSS < 200 MB")
        let json = rows.map { row in
            "{\"name\":\"\(row.name)\",\"sesa_ms\":\(row.sesa),\"python_ms\":\(row.python.map { "\($0)" } ?? "null"),"
                + "\"xmllint_ms\":\(row.xmllint.map { "\($0)" } ?? "null"),\"sesa_peak_rss_mb\":\(String(format: "%.1f", row.rss))}"
        }
        print("{\"benchmark\":\"reqif\",\"objects\":\(options.objects),\"export_ms\":\(exportTime),\"reads\":[\(json.joined(separator: ","))]}")
    }

    /// SESA's read in a fresh process of this executable (`reqif-read`), so the peak memory is the reader's
    /// own and not the benchmark's generated document.
    static func readInChild(_ url: URL, runs: Int, repeats: Int) throws -> (ms: Double, rss: Double, counts: String) {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        guard let output = runProcess(executable, ["reqif-read", url.path, "--runs", "\(runs)", "--repeats", "\(repeats)"]),
            let line = output.split(separator: "\n").last,
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let ms = object["ms"] as? Double, let rss = object["peak_rss_mb"] as? Double
        else { throw RequirementsBenchmark.BenchError("sesa-bench reqif-read \(url.lastPathComponent) failed") }
        return (ms, rss, object["counts"] as? String ?? "")
    }

    /// `reqif-read FILE [--runs R] [--repeats N]`: the median of R samples of N reads, in ms per read;
    /// `reqif-read FILE --warnings`: the counts and warnings (or the error) of one read.
    static func readOnly(_ arguments: [String]) throws {
        var rest = arguments[...]
        guard let path = rest.popFirst() else { throw RequirementsBenchmark.BenchError("reqif-read needs a file") }
        var runs = 1
        var repeats = 1
        if rest.first == "--warnings" {
            // The reader's verdict on the file, for comparing reader versions on a set of files.
            do {
                let result = try ReqIFReader().read(contentsOf: URL(fileURLWithPath: path))
                print(result.document.counts)
                result.warnings.forEach { print($0) }
            } catch { print(error) }
            return
        }
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw RequirementsBenchmark.BenchError("\(flag) needs a value") }
            switch flag {
            case "--runs": runs = try RequirementsBenchmark.Options.number(value, flag, minimum: 1)
            case "--repeats": repeats = try RequirementsBenchmark.Options.number(value, flag, minimum: 1)
            default: throw RequirementsBenchmark.BenchError("unknown option \(flag)")
            }
        }
        let url = URL(fileURLWithPath: path)
        var counts = ReqIFDocument.Counts()
        var failure: Error?
        let ms = median(runs) {
            for _ in 0..<repeats {
                do { counts = try ReqIFReader().read(contentsOf: url).document.counts } catch { failure = error }
            }
        } / Double(repeats)
        if let failure { throw failure }
        print("{\"ms\":\(ms),\"peak_rss_mb\":\(TraceBenchmark.peakRSSMegabytes()),\"counts\":\"\(counts)\"}")
    }

    /// N objects of one type (foreign id, name, XHTML text, a priority enumeration), one specification with 100
    /// chapters of N/100 entries, and N/2 relations between neighbours. Deterministic.
    static func generate(objects: Int) -> ReqIFDocument {
        typealias D = ReqIFDocument
        var document = ReqIFDocument()
        document.header = .init(identifier: "bench-header", creationTime: "2026-01-01T00:00:00Z", toolID: "sesa-bench",
                                version: "1.0", sourceToolID: "sesa-bench", title: "Generated \(objects)")
        document.datatypes = [
            .init(identity: .init(identifier: "dt-string", longName: "String"), kind: .string, maxLength: "1000"),
            .init(identity: .init(identifier: "dt-xhtml", longName: "XHTML"), kind: .xhtml),
            .init(identity: .init(identifier: "dt-priority", longName: "Priority"), kind: .enumeration,
                  values: ["high", "medium", "low"].enumerated().map { (offset: Int, name: String) in
                      D.EnumValue(identity: .init(identifier: "ev-" + name, longName: name), key: String(offset))
                  }),
        ]
        let attributes: [D.AttributeDefinition] = [
            .init(identity: .init(identifier: "ad-id", longName: "ReqIF.ForeignID"), kind: .string, datatypeRef: "dt-string"),
            .init(identity: .init(identifier: "ad-name", longName: "ReqIF.Name"), kind: .string, datatypeRef: "dt-string"),
            .init(identity: .init(identifier: "ad-text", longName: "ReqIF.Text"), kind: .xhtml, datatypeRef: "dt-xhtml"),
            .init(identity: .init(identifier: "ad-priority", longName: "Priority"), kind: .enumeration, datatypeRef: "dt-priority"),
        ]
        document.specTypes = [
            .init(identity: .init(identifier: "t-req", longName: "Requirement"), category: .specObject, attributes: attributes),
            .init(identity: .init(identifier: "t-spec", longName: "Specification"), category: .specification),
            .init(identity: .init(identifier: "t-rel", longName: "derives from"), category: .specRelation),
        ]
        let priorities = ["ev-high", "ev-medium", "ev-low"]
        document.specObjects = (0..<objects).map { index in
            D.SpecObject(identity: .init(identifier: "obj-\(index)", lastChange: "2026-01-01T00:00:00Z"), typeRef: "t-req", values: [
                .init(kind: .string, definitionRef: "ad-id", value: .text("REQ-\(index)")),
                .init(kind: .string, definitionRef: "ad-name", value: .text("Requirement \(index)")),
                .init(kind: .xhtml, definitionRef: "ad-text", value: .xhtml(
                    "<xhtml:div><xhtml:p>The system shall handle case \(index) within <xhtml:b>\(index % 500) ms</xhtml:b>.</xhtml:p></xhtml:div>",
                    original: nil)),
                .init(kind: .enumeration, definitionRef: "ad-priority", value: .enumeration([priorities[index % 3]])),
            ])
        }
        document.specRelations = stride(from: 1, to: objects, by: 2).map { index in
            D.SpecRelation(identity: .init(identifier: "rel-\(index)"), typeRef: "t-rel", sourceRef: "obj-\(index)", targetRef: "obj-\(index - 1)")
        }
        let chapters = 100
        let perChapter = max(1, objects / chapters)
        var nodes: [D.HierarchyNode] = []
        for chapter in 0..<chapters where chapter * perChapter < objects {
            let first = chapter * perChapter
            let children = ((first + 1)..<min(first + perChapter, objects)).map {
                D.HierarchyNode(identity: .init(identifier: "h-\($0)"), objectRef: "obj-\($0)")
            }
            nodes.append(D.HierarchyNode(identity: .init(identifier: "h-\(first)"), objectRef: "obj-\(first)", children: children))
        }
        document.specifications = [.init(identity: .init(identifier: "spec-1", longName: "System"), typeRef: "t-spec", children: nodes)]
        return document
    }

    static func largestSharedFile() -> URL? {
        guard let base = ProcessInfo.processInfo.environment["SESA_TESTDATA"].map({ URL(fileURLWithPath: $0).appendingPathComponent("reqif/valid") }),
            let names = try? FileManager.default.contentsOfDirectory(atPath: base.path)
        else { return nil }
        return names.filter { $0.hasSuffix(".reqif") }.map { base.appendingPathComponent($0) }.max { a, b in
            let size = { (url: URL) in (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }
            return size(a) < size(b)
        }
    }

    static func median(_ runs: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            body()
            times.append(TraceBenchmark.ms(ContinuousClock.now - start))
        }
        return times.sorted()[times.count / 2]
    }

    /// Milliseconds per parse, timed inside Python: the median of `runs` samples of `repeats` parses, as SESA's
    /// side is measured; nil when the interpreter or the library is missing.
    static func pythonParse(_ python: String, _ url: URL, repeats: Int, runs: Int) -> Double? {
        let script = """
            import sys, time
            from reqif.parser import ReqIFParser
            for _ in range(\(runs)):
                start = time.perf_counter()
                for _ in range(\(repeats)):
                    ReqIFParser.parse(sys.argv[1])
                print((time.perf_counter() - start) * 1000 / \(repeats), flush=True)
            """
        guard let output = runProcess(python, ["-c", script, url.path]) else { return nil }
        let samples = output.split(separator: "\n").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.sorted()
        return samples.isEmpty ? nil : samples[samples.count / 2]
    }

    /// Milliseconds per `xmllint --stream --noout` run (process start included; it is a few ms); nil when absent.
    static func xmllintStream(_ url: URL, repeats: Int, runs: Int) -> Double? {
        guard runProcess("/usr/bin/env", ["xmllint", "--version"]) != nil else { return nil }
        return median(runs) {
            for _ in 0..<repeats { _ = runProcess("/usr/bin/env", ["xmllint", "--stream", "--noout", url.path]) }
        } / Double(repeats)
    }

    static func runProcess(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : "/usr/bin/env")
        process.arguments = executable.contains("/") ? arguments : [executable] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: output, as: UTF8.self)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
