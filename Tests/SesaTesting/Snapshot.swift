import Foundation
import Testing

/// Text snapshots kept in `Tests/snapshots/<name>`: a rendering compared with the committed file, so a change to
/// a generated picture shows up in review. `SESA_RECORD_SNAPSHOTS=1 swift test --filter …` writes them anew; a
/// missing snapshot fails (and is written, to be looked at and committed).
public enum Snapshot {
    public static func check(_ rendered: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("snapshots")
        let file = directory.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["SESA_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try rendered.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("no snapshot \(name) yet: written to \(file.path); look at it and commit it", sourceLocation: sourceLocation) }
            return
        }
        if stored != rendered {
            let firstDifference = zip(stored.split(separator: "\n", omittingEmptySubsequences: false),
                                      rendered.split(separator: "\n", omittingEmptySubsequences: false)).enumerated()
                .first { $0.element.0 != $0.element.1 }
            let line = firstDifference.map { "line \($0.offset + 1): expected \($0.element.0) got \($0.element.1)" } ?? "lengths differ"
            Issue.record("\(name) differs from its snapshot (\(line)); if the change is intended, record it with SESA_RECORD_SNAPSHOTS=1",
                         sourceLocation: sourceLocation)
        }
    }
}
