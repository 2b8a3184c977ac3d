import Fluent
import Foundation
import Interchange
import Platform
@testable import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// ReqIFZ attachments: imported as blobs with their module, written back by a ReqIFZ export under the same path
/// with the same bytes, stored once however often they are imported. The shared archives, both databases.
@Suite struct ReqIFAttachmentTests {
    static let testdata = ReqIFImportTests.testdata

    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"), arguments: TestDatabase.all)
    func attachmentsComeInWithTheirModuleAndGoBackOutWithIt(database: TestDatabase) async throws {
        let base = try #require(Self.testdata).appendingPathComponent("reqif/valid")
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let projectID = try f.atc.requireID()
            for (name, path) in [("reqifz__01_reqifz_with_one_reqif_and_one_attachments.reqifz", "Yin_yang.svg"),
                                 ("reqifz__02_reqifz_with_one_reqif_and_one_attachments_nested_folder.reqifz", "sample/nested1/nested2/Yin_yang.svg")] {
                let url = base.appendingPathComponent(name)
                let archive = try Data(contentsOf: url)
                let plans = try ReqIFFileImport.plans(of: url)
                #expect(plans[0].attachments == [path], "macOS metadata is no attachment")
                let preview = try await ReqIFFileImport.preview(try f.editor, plans)
                #expect(preview[0].summary.hasSuffix("; 1 attachment"))
                for _ in 0..<2 { _ = try await ReqIFFileImport.apply(try f.editor, plans, file: name, archive: archive) }

                let original = try Self.entry(path, in: archive)
                let rows = try await ReqIFAttachment.query(on: app.db).filter(\.$path == path).all()
                #expect(rows.count == 1, "a re-import updates, it does not add")
                let blob = try #require(try await Blob.find(rows.first?.blobID, on: app.db))
                #expect(blob.content == original && blob.size == original.count && blob.sha256 == BlobStore.sha256(original))
                #expect(blob.contentType == "image/svg+xml")

                let module = try #require(try await RequirementModule.find(rows.first?.moduleID, on: app.db))
                let exported = try await ReqIFExportFile.data(format: "reqifz", projectID: projectID, projectKey: "ATC", prefix: module.prefix,
                                                              on: app.db, now: Date())
                #expect(try Self.entry(path, in: exported) == original, "the export writes the attachment back under its path")
            }
            #expect(try await Blob.query(on: app.db).count() == 1, "the same picture in two archives is one blob")

            // Members see the module's attachments on its page and download them as attachments; others do not.
            let row = try #require(try await ReqIFAttachment.query(on: app.db).filter(\.$path == "Yin_yang.svg").first())
            let module = try #require(try await RequirementModule.find(row.moduleID, on: app.db))
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            let page = try await vic.get("/projects/ATC/requirements/\(module.prefix)")
            let link = "/projects/ATC/requirements/\(module.prefix)/attachments/\(try row.requireID().uuidString.lowercased())"
            #expect(page.status == .ok && page.text.contains(#"href="\#(link)""#) && page.text.contains("Yin_yang.svg"))
            let download = try await vic.get(link)
            #expect(download.status == .ok && download.headers.first(name: .contentDisposition) == #"attachment; filename="Yin_yang.svg""#)
            #expect(download.headers.first(name: "Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            #expect(download.headers.contentType?.description.hasPrefix("image/svg+xml") == true)
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect([.forbidden, .notFound].contains(try await otto.get(link).status), "non-members get nothing")
            #expect(try await vic.get("/projects/ATC/requirements/\(module.prefix)/attachments/\(UUID().uuidString)").status == .notFound)
        }
    }

    /// A re-import that changes an attachment leaves no unused copy behind, and never deletes content another
    /// attachment still uses (both archives carry the same picture, stored once).
    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"), arguments: TestDatabase.all)
    func replacedAttachmentContentGoesUnlessStillUsed(database: TestDatabase) async throws {
        let base = try #require(Self.testdata).appendingPathComponent("reqif/valid")
        let first = base.appendingPathComponent("reqifz__01_reqifz_with_one_reqif_and_one_attachments.reqifz")
        let nested = base.appendingPathComponent("reqifz__02_reqifz_with_one_reqif_and_one_attachments_nested_folder.reqifz")
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            func apply(_ archive: Data, _ name: String) async throws {
                _ = try await ReqIFFileImport.apply(try f.editor, try ReqIFFileImport.plans(of: archive, name: name), file: name, archive: archive)
            }
            func blobIDs() async throws -> Set<UUID> { Set(try await Blob.query(on: app.db).all().map { try $0.requireID() }) }
            func blobOf(_ path: String) async throws -> UUID {
                try #require(try await ReqIFAttachment.query(on: app.db).filter(\.$path == path).first()).blobID
            }
            for url in [first, nested] { try await apply(try Data(contentsOf: url), url.lastPathComponent) }
            let shared = try await blobOf("Yin_yang.svg")
            #expect(try await blobIDs() == [shared])
            #expect(try await blobOf("sample/nested1/nested2/Yin_yang.svg") == shared)

            // The first archive with its picture changed: its attachment moves on; the shared content stays for the other.
            let original = try Data(contentsOf: first)
            try await apply(try Self.replacing("Yin_yang.svg", with: Data(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8), in: original),
                            first.lastPathComponent)
            let changed = try await blobOf("Yin_yang.svg")
            #expect(changed != shared)
            #expect(try await blobIDs() == [shared, changed])

            // Changed again: the intermediate content is used by nothing any more and goes.
            try await apply(try Self.replacing("Yin_yang.svg", with: Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="1"/>"#.utf8), in: original),
                            first.lastPathComponent)
            let latest = try await blobOf("Yin_yang.svg")
            #expect(try await blobIDs() == [shared, latest])
            #expect(BlobReferences.all.contains(.init(table: ReqIFAttachment.schema, column: "blob_id")))
        }
    }

    /// `zip` with the entry at `path` holding `content` instead.
    static func replacing(_ path: String, with content: Data, in zip: Data) throws -> Data {
        let source = try Archive(data: zip, accessMode: .read)
        var entries: [(path: String, data: Data)] = []
        for entry in source where entry.type == .file {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            entries.append((entry.path, entry.path == path ? content : data))
        }
        return try ReqIFZWriter().write(entries, modified: Date())
    }

    static func entry(_ path: String, in zip: Data) throws -> Data {
        let archive = try Archive(data: zip, accessMode: .read)
        let entry = try #require(archive[path], "\(path) in the archive")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }
}
