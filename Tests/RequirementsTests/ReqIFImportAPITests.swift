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
        }
    }
}
