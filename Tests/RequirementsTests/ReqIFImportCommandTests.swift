import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor

/// `sesa import reqif`: the dry run stores nothing, the import stores everything, a bad file or project is
/// refused with exit codes a script can test. Both databases.
@Suite struct ReqIFImportCommandTests {
    @Test(arguments: TestDatabase.all)
    func theCommandDryRunsImportsAndRefuses(database: TestDatabase) async throws {
        try await withDatabase(on: database, migrated: true) { url in
            let setup = try await makeApp(databaseURL: url, migrate: true)
            let project: Project
            do {
                project = try await setup.makeProject("ATC", lead: try await setup.makeUser("lena@example.com"))
                try await setup.asyncShutdown()
            } catch {
                try? await setup.asyncShutdown()
                throw error
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sesa-import-test-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("radar.reqif")
            try ReqIFImportTests.sample().write(to: file, atomically: true, encoding: .utf8)
            let bad = directory.appendingPathComponent("bad.reqif")
            try "<REQ-IF>".write(to: bad, atomically: true, encoding: .utf8)

            #expect(try await runSesa(["import", "reqif", file.path, "--project", "ATC", "--dry-run"], databaseURL: url) == 0)
            #expect(try await runSesa(["import", "reqif", file.path, "--project", "NOPE"], databaseURL: url) == 2)
            #expect(try await runSesa(["import", "csv", file.path, "--project", "ATC"], databaseURL: url) == 2)
            #expect(try await runSesa(["import", "reqif", bad.path, "--project", "ATC"], databaseURL: url) == 1)
            #expect(try await runSesa(["import", "reqif", file.path, "--project", "ATC", "--module", "Other"], databaseURL: url) == 1)
            var app = try await makeApp(databaseURL: url, migrate: false)
            #expect(try await RequirementModule.query(on: app.db).count() == 0, "dry runs and refusals store nothing")
            try await app.asyncShutdown()

            #expect(try await runSesa(["import", "reqif", file.path, "--project", "ATC", "--module", "Radar spec"], databaseURL: url) == 0)
            app = try await makeApp(databaseURL: url, migrate: false)
            let module = try #require(try await RequirementModule.query(on: app.db).filter(\.$projectID == (try project.requireID())).first())
            #expect(try await DocumentItem.query(on: app.db).filter(\.$moduleID == (try module.requireID())).count() == 4)
            #expect(try await ArtifactLink.query(on: app.db).count() == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "reqif.imported").first()?.actorLabel == "command line")
            try await app.asyncShutdown()

            let sheet = directory.appendingPathComponent("radar.csv")
            #expect(try await runSesa(["export", "csv", "--project", "ATC", "--module", module.prefix, "--output", sheet.path], databaseURL: url) == 0)
            #expect(try await runSesa(["export", "csv", "--project", "ATC"], databaseURL: url) == 2, "a CSV holds one module")
            #expect(try await runSesa(["import", "csv", sheet.path, "--project", "ATC", "--module", module.prefix, "--dry-run"], databaseURL: url) == 0)
            let workbook = directory.appendingPathComponent("radar.xlsx")
            #expect(try await runSesa(["export", "xlsx", "--project", "ATC", "--module", module.prefix, "--output", workbook.path], databaseURL: url) == 0)
            #expect(try await runSesa(["import", "xlsx", workbook.path, "--project", "ATC", "--module", module.prefix], databaseURL: url) == 0)
            let broken = directory.appendingPathComponent("broken.csv")
            try "key,title,wrong\n,A,b\n".write(to: broken, atomically: true, encoding: .utf8)
            #expect(try await runSesa(["import", "csv", broken.path, "--project", "ATC", "--module", module.prefix], databaseURL: url) == 1)
            app = try await makeApp(databaseURL: url, migrate: false)
            #expect(try await Artifact.query(on: app.db).filter(\.$version > 1).count() == 0, "re-importing a module's own sheet changes nothing")
            try await app.asyncShutdown()

            let exported = directory.appendingPathComponent("export.reqifz")
            #expect(try await runSesa(["export", "reqifz", "--project", "ATC", "--output", exported.path], databaseURL: url) == 0)
            #expect(try await runSesa(["export", "reqif", "--project", "ATC", "--module", "NOPE"], databaseURL: url) == 2)
            let plans = try ReqIFFileImport.plans(of: exported)
            #expect(plans.count == 1 && plans[0].counts.specObjects == 4 && plans[0].counts.specRelations == 2)
            #expect(try await runSesa(["import", "reqif", exported.path, "--project", "ATC"], databaseURL: url) == 0)
            app = try await makeApp(databaseURL: url, migrate: false)
            #expect(try await DocumentItem.query(on: app.db).count() == 4, "re-importing the export changes nothing")
            try await app.asyncShutdown()
        }
    }
}
