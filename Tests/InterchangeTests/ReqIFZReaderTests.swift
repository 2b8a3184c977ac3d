import Foundation
import Interchange
import Testing
import ZIPFoundation

/// ReqIFZ archives: the shared set's archives, and archives built to attack the reader.
@Suite struct ReqIFZReaderTests {
    @Test(.enabled(if: ReqIFReaderTests.testdata != nil, "\(ReqIFReaderTests.noTestdata)"))
    func theSharedArchivesReadWithTheCountsOfTheirXML() throws {
        let archives = ReqIFReaderTests.files("valid", extension: "reqifz")
        #expect(archives.count == 4)
        for url in archives {
            let result = try ReqIFZReader().read(contentsOf: url)
            #expect(!result.files.isEmpty, "\(url.lastPathComponent)")
            let archive = try Archive(url: url, accessMode: .read)
            for (path, read) in result.files {
                let entry = try #require(archive[path])
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sesa-\(UUID().uuidString).reqif")
                try data.write(to: copy)
                defer { try? FileManager.default.removeItem(at: copy) }
                #expect(read.document.counts == (try ReqIFReaderTests.countsFromText(copy)), "\(url.lastPathComponent)/\(path)")
            }
        }
    }

    func archive(_ entries: [(String, Data)]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sesa-\(UUID().uuidString).reqifz")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    @Test func hostileArchivesAreRefusedWithTheEntryNamed() throws {
        let reqif = Data(ReqIFReaderTests.minimal.utf8)
        let good = try archive([("spec.reqif", reqif), ("files/image.png", Data(repeating: 7, count: 100))])
        defer { try? FileManager.default.removeItem(at: good) }
        let result = try ReqIFZReader().read(contentsOf: good)
        #expect(result.files.map(\.path) == ["spec.reqif"] && result.attachments == [.init(path: "files/image.png", size: 100)])

        func refusal(_ url: URL, _ reader: ReqIFZReader = ReqIFZReader()) throws -> String {
            defer { try? FileManager.default.removeItem(at: url) }
            return try #require(throws: ReqIFError.self) { try reader.read(contentsOf: url) }.description
        }
        #expect(try refusal(try archive([("spec.reqif", reqif), ("../../etc/cron.d/evil", Data("x".utf8))]))
            .contains("the archive entry ../../etc/cron.d/evil points outside the archive"))
        #expect(try refusal(try archive([("/abs/spec.reqif", reqif)])).contains("points outside the archive"))
        #expect(try refusal(try archive([("notes.txt", Data("x".utf8))])).contains("the archive holds no .reqif file"))
        // A bomb: 64 MB of zeros deflates to a few kilobytes; the limit is counted while inflating.
        let zeros = Data(count: 64 << 20)
        let bomb = try archive([("spec.reqif", reqif), ("bomb.bin", zeros)])
        #expect(try refusal(bomb, ReqIFZReader(maxExpandedBytes: 8 << 20)).contains("the archive expands beyond 8 MB (at bomb.bin)"))
        let bigSpec = try archive([("spec.reqif", zeros)])
        #expect(try refusal(bigSpec, ReqIFZReader(reader: ReqIFReader(maxBytes: 4 << 20))).contains("spec.reqif expands beyond 4 MB"))
        let notZip = FileManager.default.temporaryDirectory.appendingPathComponent("sesa-\(UUID().uuidString).reqifz")
        try reqif.write(to: notZip)
        #expect(try refusal(notZip).contains("the file is not a readable zip archive"))
        // A broken .reqif inside names the archive and the entry.
        #expect(try refusal(try archive([("inner/spec.reqif", Data("<?xml version=\"1.0\"?><html/>".utf8))]))
            .contains("/inner/spec.reqif, line 1"))
    }
}
