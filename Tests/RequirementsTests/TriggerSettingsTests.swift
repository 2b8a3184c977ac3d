import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// A lead chooses the suspect-link triggers on the requirement settings page; they then decide both what turns
/// links suspect and what sends an approved requirement back to review. On both databases.
@Suite struct TriggerSettingsTests {
    @Test(arguments: TestDatabase.all)
    func rationaleBecomesATriggerOnTheSettingsPage(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module("SYS")
            let parent = try await f.requirement(sys, "Detect", "The system shall detect aircraft.")
            let child = try await f.requirement(sys, "Track", "The system shall track aircraft.")
            let link = try await RequirementStore.link(try f.editor, kind: "derives-from", from: child.key, to: parent.key)
            _ = try await RequirementStore.transition(try f.editor, id: try parent.requireID(), expectedVersion: 1, to: .inReview)
            _ = try await RequirementStore.transition(try f.lead, id: try parent.requireID(), expectedVersion: 2, to: .approved)

            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            #expect(try await ed.post("/projects/ATC/requirements-settings/triggers", form: ["trigger:requirement:title": "1"]).status
                    == .forbidden)
            let lena = TestBrowser(app)
            try await lena.signIn("lena@example.com")
            let page = try await lena.get("/projects/ATC/requirements-settings").text
            #expect(page.contains(#"name="trigger:requirement:statement""#) && page.contains(#"name="trigger:requirement:rationale""#))
            var response = try await lena.post("/projects/ATC/requirements-settings/triggers", form: ["trigger:section:title": "1"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Requirement: choose at least one trigger field"))
            response = try await lena.post("/projects/ATC/requirements-settings/triggers", form: [
                "trigger:requirement:title": "1", "trigger:requirement:statement": "1", "trigger:requirement:rationale": "1",
                "trigger:section:title": "1",
            ])
            #expect(response.status == .seeOther)
            #expect(try #require(try await ArtifactLink.find(link.id, on: app.db)).suspect == false, "choosing turns nothing suspect")

            // A rationale edit of the approved parent: its link turns suspect and it goes back to review.
            var draft = RequirementDraft(fields: try await f.fields(parent), attributes: [])
            draft.rationale = "Needed for separation."
            let saved = try await RequirementStore.updateRequirement(try f.editor, id: try parent.requireID(), expectedVersion: 3, draft: draft)
            #expect(try await f.fields(saved)["status"] == .string("in-review"))
            #expect(try #require(try await ArtifactLink.find(link.id, on: app.db)).suspect == true)
            let settings = try await lena.get("/projects/ATC/requirements-settings").text
            #expect(settings.contains(#"name="trigger:requirement:rationale" value="1" checked="checked""#))
            #expect(!settings.contains(#"name="trigger:requirement:tags" value="1" checked="checked""#))
        }
    }
}
