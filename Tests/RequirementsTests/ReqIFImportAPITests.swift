import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// The import over the API: a dry run answers with the comparison and stores nothing, a bad file gets 422
/// naming the file, viewers are refused, and an accepted import is applied by the job worker. Both databases.
@Suite struct ReqIFImportAPITests {
    @Test(arguments: TestDatabase.all)
    func aDryRunComparesAndAnAcceptedImportIsAppliedByAJob(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let f = try await RequirementFixtures.make(app)
            var ed = try await f.token("ed@example.com")
            ed.replaceOrAdd(name: .contentType, value: "application/xml")
            var vic = try await f.token("vic@example.com")
            vic.replaceOrAdd(name: .contentType, value: "application/xml")
            let path = "/api/v1/projects/ATC/imports/reqif?file=radar.reqif"
            let sample = ReqIFImportTests.sample()

            var response = try await app.send(.POST, path + "&dry_run=1", headers: vic, body: sample)
            #expect(response.status == .forbidden)
            response = try await app.send(.POST, path + "&dry_run=1", headers: ed, body: sample)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""state":"new""#) && response.text.contains(#""summary":"4 new, 0 changed"#))
            #expect(try await RequirementModule.query(on: app.db).count() == 0, "a dry run stores nothing")

            response = try await app.send(.POST, path, headers: ed, body: "<REQ-IF xmlns=\"http://www.omg.org/spec/ReqIF/20110401/reqif.xsd\">")
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("radar.reqif"), "the error names the file: \(response.text)")
            #expect(try await ReqIFUpload.query(on: app.db).count() == 0)

            response = try await app.send(.POST, "/api/v1/projects/ATC/imports/reqif?file=radar.reqif&module=Nothing", headers: ed, body: sample)
            #expect(response.status == .unprocessableEntity && response.text.contains("Radar spec"), "the error lists the specifications")

            response = try await app.send(.POST, path, headers: ed, body: sample)
            #expect(response.status == .accepted)
            let accepted = try JSONDecoder().decode([String: String].self, from: Data(response.text.utf8))
            let job = try #require(accepted["url"])
            #expect(try await eventually {
                try await app.send(.GET, job, headers: ed).text.contains(#""status":"succeeded""#)
            })
            let done = try await app.send(.GET, job, headers: ed).text
            #expect(done.contains(#"\"new\":4"#), "the job's result is the summary: \(done)")
            let module = try #require(try await RequirementModule.query(on: app.db).first())
            #expect(module.name == "Radar spec")
            #expect(try await DocumentItem.query(on: app.db).filter(\.$moduleID == (try module.requireID())).count() == 4)
            #expect(try await ReqIFUpload.query(on: app.db).count() == 0, "the upload is removed once imported")
            #expect(try await f.auditActions("reqif.imported").first?.actorLabel == "ed@example.com")

            // Export: members (viewers too) download the module as ReqIF or ReqIFZ; it names the imported objects.
            let viewer = try await f.token("vic@example.com")
            response = try await app.send(.GET, "/api/v1/projects/ATC/exports/reqif?module=\(module.prefix)", headers: viewer)
            #expect(response.status == .ok && response.headers.contentType == .xml)
            #expect(response.headers.first(name: .contentDisposition) == "attachment; filename=\"ATC-\(module.prefix).reqif\"")
            #expect(response.text.contains(#"IDENTIFIER="O-1""#) && response.text.contains("Radar spec") && response.text.contains("<xhtml:b>50 km</xhtml:b>"))
            let plans = try ReqIFFileImport.plans(of: Data(response.text.utf8), name: "again.reqif")
            let unchanged = try await ReqIFFileImport.preview(try f.editor, plans)
            #expect(unchanged.first?.count(.unchanged) == 4 && unchanged.first?.unchangedLinks == 2, "\(unchanged.map(\.summary))")
            response = try await app.send(.GET, "/api/v1/projects/ATC/exports/reqif?module=\(module.prefix)&format=reqifz", headers: viewer)
            #expect(response.status == .ok && response.headers.contentType == .zip && response.body.readableBytesView.starts(with: Array("PK".utf8)))
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/exports/reqif?module=NOPE", headers: viewer).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/exports/reqif?format=csv", headers: viewer).status == .unprocessableEntity)

            let browser = TestBrowser(app)
            try await browser.signIn("vic@example.com")
            let page = try await browser.get("/projects/ATC/requirements/\(module.prefix)").text
            #expect(page.contains("/projects/ATC/requirements/\(module.prefix)/export.reqifz"))
            let download = try await browser.get("/projects/ATC/requirements/\(module.prefix)/export.reqifz")
            #expect(download.status == .ok && download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect(try await otto.get("/projects/ATC/requirements/\(module.prefix)/export.reqif").status == .notFound, "non-members get nothing")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theImportPageComparesThenAppliesWithProgress(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            _ = try await RequirementFixtures.make(app)
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            #expect(try await vic.get("/projects/ATC/requirements-import").status == .forbidden, "viewers cannot import")

            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            let form = try await ed.get("/projects/ATC/requirements-import")
            #expect(form.status == .ok && form.text.contains(#"enctype="multipart/form-data""#) && form.text.contains(#"type="file""#))
            var response = try await ed.upload("/projects/ATC/requirements-import", file: ("file", "broken.reqif", "<REQ-IF>"))
            #expect(response.status == .unprocessableEntity && response.text.contains("reqif, line 1: the file ends before"))
            response = try await ed.upload("/projects/ATC/requirements-import", file: ("file", "radar.reqif", ReqIFImportTests.sample()))
            #expect(response.status == .ok)
            #expect(response.text.contains("4 new, 0 changed") && response.text.contains("New module Radar spec") && response.text.contains("Detect"))
            #expect(try await RequirementModule.query(on: app.db).count() == 0, "comparing stores nothing but the upload")
            let action = try #require(response.text.firstMatch(of: /action="(\/projects\/ATC\/requirements-import\/[0-9a-f-]+\/apply)"/)).1
            response = try await ed.post(String(action), form: [:])
            #expect(response.status == .seeOther)
            let jobPage = try #require(response.location)
            #expect(jobPage.hasPrefix("/jobs/"))
            #expect(try await eventually { try await JobRecord.query(on: app.db).filter(\.$kind == "requirements.reqif-import").first()?.status == .succeeded })
            let page = try await ed.get(jobPage).text
            #expect(page.contains("imported: 4 new, 0 changed"), "the job page keeps the import's summary")
            #expect(try await DocumentItem.query(on: app.db).count() == 4)
            #expect(try await ed.post(String(action), form: [:]).status == .notFound, "an applied comparison cannot be applied twice")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theImportPageTakesSheetsForAModule(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            let detect = try await f.requirement(sys, "Detect", "The radar shall detect targets within 50 km.")
            var sheet = try await RequirementTable.export(module: sys, on: app.db)
            let statement = try #require(sheet.header.firstIndex(of: "statement"))
            sheet.rows[0][statement] = "The radar shall detect targets within 80 km."
            sheet.rows.append(["", "requirement", "", "Report", "The radar shall report tracks.", "", "functional", "medium", "", "", "", "", ""])
            let csv = String(decoding: sheet.write(), as: UTF8.self)

            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            let form = try await ed.get("/projects/ATC/requirements-import")
            #expect(form.text.contains(#"<option value="SYS">SYS — "#), "the page offers the project's modules for sheets")
            var response = try await ed.upload("/projects/ATC/requirements-import", file: ("file", "sys.csv", csv))
            // Messages are shown sentence-cased.
            #expect(response.status == .unprocessableEntity && response.text.lowercased().contains("choose the module a csv or xlsx sheet goes into"),
                    "a sheet needs its module")
            let broken = csv.replacingOccurrences(of: "The radar shall report tracks.", with: "")
            response = try await ed.upload("/projects/ATC/requirements-import", fields: ["into": "SYS"], file: ("file", "sys.csv", broken))
            #expect(response.status == .unprocessableEntity && response.text.lowercased().contains("sys.csv, row 3, column 5: the statement is required"),
                    "row errors name row and column")
            response = try await ed.upload("/projects/ATC/requirements-import", fields: ["into": "SYS"], file: ("file", "sys.csv", csv))
            #expect(response.status == .ok && response.text.contains("1 new, 1 changed"), "\(response.text.prefix(3000))")
            #expect(!response.text.contains("Field mapping for"), "sheets have no ReqIF mapping")
            let action = try #require(response.text.firstMatch(of: /action="(\/projects\/ATC\/requirements-import\/[0-9a-f-]+\/apply)"/)).1
            response = try await ed.post(String(action), form: [:])
            #expect(response.status == .seeOther)
            #expect(try await eventually { try await JobRecord.query(on: app.db).filter(\.$kind == "requirements.reqif-import").first()?.status == .succeeded })
            #expect(try await f.fields(try await f.reload(detect))["statement"] == .string("The radar shall detect targets within 80 km."))
            #expect(try await Artifact.query(on: app.db).filter(\.$title == "Report").count() == 1)
            #expect(try await ReqIFUpload.query(on: app.db).count() == 0)
        }
    }
}
