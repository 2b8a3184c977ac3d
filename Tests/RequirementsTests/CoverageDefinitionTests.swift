import Artifacts
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting

/// Coverage definitions: the text form's errors name the line and field, only leads replace them (page and
/// API), and project coverage, the per-module table and the quality page's gap lists follow what was saved.
@Suite struct CoverageDefinitionTests {
    static let registry: ArtifactRegistry = {
        let registry = ArtifactRegistry()
        RequirementKinds.register(registry)
        return registry
    }()

    @Test func theTextFormRoundTripsAndEveryProblemNamesItsLine() throws {
        let text = CoverageDefinitions.format(TraceQueries.defaultQuestions)
        #expect(try CoverageDefinitions.parse(text, registry: Self.registry) == TraceQueries.defaultQuestions)
        #expect(text.contains("verified | Has a verification link | requirement | verifies | upstream | * | no verification link"))

        let bad = """
        refined | Refined | requirement | refines | upstream | requirement | not refined

        Bad Id | Title | requirement | refines | upstream | * |
        refined | Again | requirement | refines | upstream | * |
        x | Short line | requirement
        y | Unknown kinds | widget | blesses | sideways | gadget |
        """
        let error = try #require(throws: RequirementInvalid.self) { try CoverageDefinitions.parse(bad, registry: Self.registry) }
        let reasons = error.errors.map(\.reason)
        #expect(error.errors.allSatisfy { $0.field == "coverage" })
        #expect(reasons.contains(#"line 3: the id "Bad Id" must be 1–40 lower-case letters, digits or -"#))
        #expect(reasons.contains("line 4: the id refined is used twice"))
        #expect(reasons.contains { $0.hasPrefix("line 5: expected 7 fields separated by |") && $0.hasSuffix("found 3") })
        #expect(reasons.contains { $0.hasPrefix(#"line 6: unknown source kind "widget" (known: "#) && $0.contains("requirement") })
        #expect(reasons.contains { $0.hasPrefix(#"line 6: unknown link kind "blesses" (known: "#) && $0.contains("derives-from") })
        #expect(reasons.contains(#"line 6: the direction "sideways" must be downstream, upstream or both"#))
        #expect(reasons.contains { $0.hasPrefix(#"line 6: unknown target kind "gadget""#) })
        #expect(!reasons.contains { $0.hasPrefix("line 1:") || $0.hasPrefix("line 2:") })

        let empty = try #require(throws: RequirementInvalid.self) { try CoverageDefinitions.parse("\n  \n", registry: Self.registry) }
        #expect(empty.errors.map(\.reason) == ["keep at least one coverage definition"])
    }

    @Test func coverageCountsOnlyTheChosenDirectionAndTargetKind() {
        // a → b (derives-from), c refines b: b is refined (upstream), a is not; a has a parent (downstream).
        let a = UUID(), b = UUID(), c = UUID()
        let graph = ProjectGraph(
            projectID: UUID(), revision: 1,
            artifacts: [(a, "SYS-REQ-001", "A", "requirement"), (b, "SYS-REQ-002", "B", "requirement"), (c, "SYS-REQ-003", "C", "requirement")],
            links: [(a, b, "derives-from"), (c, b, "refines")])
        let refined = TraceQueries.CoverageQuestion(id: "refined", title: "Refined", sourceKind: "requirement", linkKind: "refines",
                                                    direction: .upstream, targetKind: "requirement", gap: "not refined")
        let parent = TraceQueries.defaultQuestions[0]
        let rows = TraceQueries.coverage(graph: graph, sourceIDs: [a, b, c], questions: [refined, parent])
        #expect(rows[0].covered == 1 && rows[0].uncoveredIDs.sorted { $0.uuidString < $1.uuidString } == [a, c].sorted { $0.uuidString < $1.uuidString })
        #expect(rows[1].covered == 1 && !rows[1].uncoveredIDs.contains(a))
        let project = TraceQueries.projectCoverage(graph: graph, questions: [refined])
        #expect(project[0].total == 3 && project[0].covered == 1)
    }

    @Test(arguments: TestDatabase.all)
    func leadsReplaceTheDefinitionsAndCoverageFollows(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let fixtures = try await RequirementFixtures.make(app)
            let module = try await fixtures.module("SYS")
            let top = try await fixtures.requirement(module, "Detect", "The system shall detect aircraft.")
            let child = try await fixtures.requirement(module, "Track", "The system shall track aircraft.")
            _ = try await fixtures.requirement(module, "Report", "The system shall report tracks.")
            _ = try await RequirementStore.link(try fixtures.editor, kind: "refines", from: child.key, to: top.key)
            let ed = try await fixtures.token("ed@example.com")
            let lena = try await fixtures.token("lena@example.com")
            let vic = try await fixtures.token("vic@example.com")
            let otto = try await fixtures.token("otto@example.com")

            var response = try await app.send(.GET, "/api/v1/projects/ATC/coverage-definitions", headers: vic)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""id":"parent""#) && response.text.contains(#""id":"allocated""#))
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/coverage-definitions", headers: otto).status == .notFound)

            let refined = #"{"id":"refined","title":"Refined by a lower level","source_kind":"requirement","link_kind":"refines","direction":"upstream","target_kind":"requirement","gap":"not refined"}"#
            let body = #"{"definitions":[\#(refined)]}"#
            #expect(try await app.send(.PUT, "/api/v1/projects/ATC/coverage-definitions", headers: ed, body: body).status == .forbidden)
            response = try await app.send(.PUT, "/api/v1/projects/ATC/coverage-definitions", headers: lena, body: #"""
                {"definitions":[\#(refined),{"id":"x","title":"X","source_kind":"requirement","link_kind":"blesses","direction":"upstream"}]}
                """#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains(#"definitions[1]: unknown link kind \"blesses\""#))
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/coverage-definitions", headers: lena).text.contains(#""id":"parent""#),
                    "a refused replacement stores nothing")

            response = try await app.send(.PUT, "/api/v1/projects/ATC/coverage-definitions", headers: lena, body: body)
            #expect(response.status == .ok)
            #expect(!response.text.contains(#""id":"parent""#) && response.text.contains(#""gap":"not refined""#))
            #expect(try await fixtures.auditActions("requirement-settings.changed").count == 1)

            response = try await app.send(.GET, "/api/v1/projects/ATC/coverage", headers: vic)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""total":3"#) && response.text.contains(#""covered":1"#))
            response = try await app.send(.GET, "/api/v1/projects/ATC/requirement-modules/SYS/coverage", headers: vic)
            #expect(response.text.contains(#""name":"refined""#) && response.text.contains(#""uncovered":["SYS-REQ-002","SYS-REQ-003"]"#))

            // The pages: the coverage table per module, the quality page's gap list, the settings form's errors.
            let browser = TestBrowser(app)
            try await browser.signIn("vic@example.com")
            let page = try await browser.get("/projects/ATC/requirements-coverage")
            #expect(page.status == .ok)
            #expect(page.text.contains("Refined by a lower level") && page.text.contains("33 % (1/3)"))
            let quality = try await browser.get("/projects/ATC/requirements/SYS/quality").text
            #expect(quality.contains("2 with not refined"))
            #expect(try await browser.get("/projects/ATC/requirements-settings").status == .forbidden)

            let lead = TestBrowser(app)
            try await lead.signIn("lena@example.com")
            #expect(try await lead.get("/projects/ATC/requirements-settings").text.contains("refined | Refined by a lower level"))
            response = try await lead.post("/projects/ATC/requirements-settings", form: [
                "types": "functional\nsafety", "coverage": "refined | Refined | requirement | refines | upstream | * |\nbad | | requirement",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Line 2: expected 7 fields"))
            #expect(response.text.contains("bad | | requirement"), "the form keeps what was typed")
            response = try await lead.post("/projects/ATC/requirements-settings", form: [
                "types": "functional\nsafety", "coverage": "verified | Verified | requirement | verifies | upstream | * | unverified",
            ])
            #expect(response.status == .seeOther)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/coverage-definitions", headers: vic).text.contains(#""id":"verified""#))
        }
    }
}
