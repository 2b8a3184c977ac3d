import Artifacts
import Fluent
import Foundation
import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting
@testable import Verification

/// CI results in through the API with a personal access token, on both databases.
@Suite struct JUnitIngestTests {
    static func report(_ tests: String) -> String {
        "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"ci\">\(tests)</testsuite></testsuites>"
    }

    @Test(arguments: TestDatabase.all)
    func testsMatchByCaseRequirementAndPatternAndTheRestAreReported(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let f = try await VerificationFixtures.make(app)
            let editor = f.context()
            let detect = try await CaseStore.create(editor, draft: CaseDraft(title: "Detect", status: .ready, verifies: [f.key(0)]))
            let alert = try await CaseStore.create(editor, draft: CaseDraft(title: "Alert", status: .ready, verifies: [f.key(2)]))
            try await MappingStore.replace(f.context(.lead), [(pattern: "alerts.*", caseKey: alert.key)])
            await #expect(throws: Abort.self) { try await MappingStore.replace(editor, []) }
            let token = try await f.token()
            let xml = Self.report("""
                <testcase classname="radar" name="detects"><properties><property name="sesa.case" value="\(detect.key)"/></properties>
                  <failure message="missed at 200 km"/></testcase>
                <testcase classname="tracker" name="tracks500"><properties><property name="requirement" value="\(f.key(1))"/></properties></testcase>
                <testcase classname="alerts" name="within2s" time="0.5"/>
                <testcase classname="misc" name="unrelated"><skipped/></testcase>
                <testcase classname="misc" name="ghost"><properties><property name="sesa.case" value="TC-404"/></properties></testcase>
                """)
            let response = try await app.send(.POST, "/api/v1/projects/ATC/results/junit?build=2.1.0&environment=ci-linux&commit=ab12cd&file=radar.xml",
                                              headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/xml"], body: xml)
            #expect(response.status == .accepted, "\(response.text)")
            let accepted = try response.decode(AcceptedBody.self)
            #expect(accepted.run == "RUN-1" && accepted.tests == 5 && accepted.passed == 3 && accepted.failed == 1 && accepted.skipped == 1)
            #expect(accepted.url.hasPrefix("/api/v1/jobs/"))
            #expect(accepted.unmatched.map(\.test) == ["misc.unrelated", "misc.ghost"])
            #expect(accepted.unmatched[1].reason.contains("TC-404"))
            #expect(try await eventually { try await TestRun.query(on: app.db).first()?.status == .closed })

            let runPage = try await app.send(.GET, "/api/v1/projects/ATC/runs/1", headers: ["Authorization": "Bearer \(token)"])
            let run = try runPage.decode(RunBody.self)
            #expect(run.build == "2.1.0" && run.environment == "ci-linux" && run.commit == "ab12cd" && run.source == "junit")
            #expect(run.unmatched.map(\.test_name) == ["misc.ghost", "misc.unrelated"])
            #expect(run.evidence.map(\.name) == ["radar.xml"])
            let automated = try #require(try await TestCase.query(on: app.db).filter(\.$automated == true).first())
            #expect(automated.automationID == "tracker.tracks500")
            let automatedKey = try #require(try await Artifact.find(automated.id, on: app.db)).key
            #expect(Set(run.results.map(\.case)) == [detect.key, automatedKey, alert.key])
            var rvtm = try await f.rvtm()
            #expect(rvtm[f.key(0)] == .failed && rvtm[f.key(1)] == .verified && rvtm[f.key(2)] == .verified)
            let listed = try await app.send(.GET, "/api/v1/projects/ATC/test-cases", headers: ["Authorization": "Bearer \(token)"])
            #expect(listed.text.contains(#""key":"\#(automatedKey)""#) && listed.text.contains(#""verifies":["\#(f.key(1))"]"#))
            #expect(listed.text.contains(#""automation_id":"tracker.tracks500""#) && listed.text.contains(#""verifies":["\#(f.key(0))"]"#))
            // The defect and set lists (read in three queries each) carry each item's links and members.
            let json: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let defect = try await app.send(.POST, "/api/v1/projects/ATC/defects", headers: json,
                                            body: #"{"title":"Misses at 200 km","severity":"major","concerns":["\#(detect.key)","\#(f.key(0))"]}"#)
            #expect(defect.status == .created, "\(defect.text)")
            _ = try await app.send(.POST, "/api/v1/projects/ATC/defects", headers: json, body: #"{"title":"Cosmetic","severity":"trivial"}"#)
            let set = try await app.send(.POST, "/api/v1/projects/ATC/test-sets", headers: json,
                                         body: #"{"title":"Smoke","cases":["\#(alert.key)","\#(detect.key)"]}"#)
            #expect(set.status == .created, "\(set.text)")
            let defects = try await app.send(.GET, "/api/v1/projects/ATC/defects", headers: ["Authorization": "Bearer \(token)"])
            #expect(defects.text.contains(#""concerns":["\#([detect.key, f.key(0)].sorted().joined(separator: #"",""#))"]"#), "\(defects.text)")
            #expect(defects.text.contains(#""title":"Cosmetic""#) && defects.text.contains(#""concerns":[]"#))
            let sets = try await app.send(.GET, "/api/v1/projects/ATC/test-sets", headers: ["Authorization": "Bearer \(token)"])
            #expect(sets.text.contains(#""cases":["\#(alert.key)","\#(detect.key)"]"#), "\(sets.text)")

            // The next upload reuses the automated case; the fixed test turns the requirement verified.
            let second = try await app.send(.POST, "/api/v1/projects/ATC/results/junit", headers: ["Authorization": "Bearer \(token)"], body: Self.report("""
                <testcase classname="radar" name="detects"><properties><property name="sesa.case" value="\(detect.key)"/></properties></testcase>
                <testcase classname="tracker" name="tracks500"><properties><property name="sesa.requirement" value="\(f.key(1))"/></properties></testcase>
                """))
            #expect(second.status == .accepted && second.text.contains(#""unmatched":[]"#))
            #expect(try await eventually { try await TestRun.query(on: app.db).filter(\.$number == 2).first()?.status == .closed })
            #expect(try await TestCase.query(on: app.db).filter(\.$automated == true).count() == 1)
            rvtm = try await f.rvtm()
            #expect(rvtm[f.key(0)] == .verified)
        }
    }

    static let testdata = ProcessInfo.processInfo.environment["SESA_TESTDATA"].map { URL(fileURLWithPath: $0).appendingPathComponent("junit") }

    @Test(.enabled(if: testdata != nil, "SESA_TESTDATA is not set (CI sets it to ../shared/testdata)"), arguments: TestDatabase.all)
    func everySharedReportIngestsWithTheCountsOfItsXML(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let f = try await VerificationFixtures.make(app)
            let token = try await f.token()
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.testdata!.path).filter { $0.hasSuffix(".xml") }.sorted()
            #expect(names.count >= 15)
            for (index, name) in names.enumerated() {
                let data = try Data(contentsOf: Self.testdata!.appendingPathComponent(name))
                let expected = JUnitCounts.count(data)
                let response = try await app.send(.POST, "/api/v1/projects/ATC/results/junit?file=\(name)", headers: ["Authorization": "Bearer \(token)"],
                                                  body: String(decoding: data, as: UTF8.self))
                #expect(response.status == .accepted, "\(name): \(response.text)")
                let accepted = try response.decode(AcceptedBody.self)
                #expect([accepted.passed, accepted.failed, accepted.errors, accepted.skipped]
                        == ["passed", "failed", "error", "skipped"].map { expected[$0, default: 0] }, "\(name)")
                #expect(accepted.unmatched.count == accepted.tests, "\(name): nothing in the shared files names a case")
                #expect(try await eventually { try await TestRun.query(on: app.db).filter(\.$number == index + 1).first()?.status == .closed }, "\(name)")
                let run = try #require(try await TestRun.query(on: app.db).filter(\.$number == index + 1).first())
                let stored = try await TestResult.query(on: app.db).filter(\.$runID == run.id!).all()
                for (outcome, count) in expected {
                    #expect(stored.filter { $0.reportOutcome == outcome }.count == count, "\(name): stored \(outcome)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func severalReportsInOneMultipartUploadMakeOneRun(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let f = try await VerificationFixtures.make(app)
            let detect = try await CaseStore.create(f.context(), draft: CaseDraft(title: "Detect", status: .ready, verifies: [f.key(0)]))
            let token = try await f.token()
            let boundary = "ci-\(UUID().uuidString)"
            var body = ""
            for (name, xml) in [("unit.xml", Self.report("<testcase name=\"a\"><properties><property name=\"sesa.case\" value=\"\(detect.key)\"/></properties></testcase>")),
                                ("nunit.xml", "<test-run><test-suite name=\"s\"><test-case name=\"b\" result=\"Failed\" label=\"Error\"/></test-suite></test-run>")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"\(name)\"\r\nContent-Type: application/xml\r\n\r\n\(xml)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"build\"\r\n\r\n3.0.1\r\n--\(boundary)--\r\n"
            let response = try await app.send(.POST, "/api/v1/projects/ATC/results/junit",
                                              headers: ["Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                              body: body)
            #expect(response.status == .accepted, "\(response.text)")
            let accepted = try response.decode(AcceptedBody.self)
            #expect(accepted.tests == 2 && accepted.passed == 1 && accepted.errors == 1)
            #expect(accepted.unmatched.map(\.file) == ["nunit.xml"])
            #expect(try await eventually { try await TestRun.query(on: app.db).first()?.status == .closed })
            let run = try #require(try await TestRun.query(on: app.db).first())
            #expect(run.build == "3.0.1")
            #expect(try await TestEvidence.query(on: app.db).all().map(\.name).sorted() == ["nunit.xml", "unit.xml"])
            #expect(try await f.rvtm()[f.key(0)] == .verified)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badUploadsAndBadTokensGetClearErrorsAndStoreNothing(database: TestDatabase) async throws {
        try await withApp(on: database) { app in
            let f = try await VerificationFixtures.make(app)
            let token = try await f.token()
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            func upload(_ body: String, _ extra: HTTPHeaders = [:], file: String = "ci.xml") async throws -> TestingHTTPResponse {
                var all = headers
                all.add(contentsOf: extra)
                return try await app.send(.POST, "/api/v1/projects/ATC/results/junit?file=\(file)", headers: all, body: body)
            }
            let malformed = try await upload("<testsuite>\n<testcase name='a'>\n</testsuite>")
            #expect(malformed.status == .unprocessableEntity && malformed.text.contains("ci.xml, line 3: the XML is malformed"), "\(malformed.text)")
            let html = try await upload("<html><body>not a report</body></html>", file: "page.html")
            #expect(html.status == .unprocessableEntity && html.text.contains("page.html, line 1: the root element is <html>"))
            let xxe = try await upload("<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<testsuite><testcase name=\"&x;\"/></testsuite>")
            #expect(xxe.status == .unprocessableEntity && xxe.text.contains("DOCTYPE") && !xxe.text.contains("root:x:0"))
            let empty = try await upload("")
            #expect(empty.status == .unprocessableEntity && empty.text.contains("send at least one JUnit XML report"))
            // Over the route's 65 MB: refused before reading (a client's Content-Length of 500 MB is refused the same way).
            let huge = try await upload("<testsuite>" + String(repeating: "<testcase name=\"a\"/>", count: 3_500_000) + "</testsuite>")
            #expect(huge.status == .payloadTooLarge && huge.text.contains("the limit is 68157440 bytes"), "\(huge.status)")

            // Tokens: a viewer's cannot upload, another project's finds nothing, an expired one is refused.
            let viewer = try await f.token(role: "viewer", as: "vic@example.com")
            #expect(try await app.send(.POST, "/api/v1/projects/ATC/results/junit", headers: ["Authorization": "Bearer \(viewer)"],
                                       body: Self.report("<testcase name=\"a\"/>")).status == .forbidden)
            try await app.makeProject("OPS", lead: f.team.ed)
            let other = try await f.token(project: "OPS")
            let wrongProject = try await app.send(.POST, "/api/v1/projects/ATC/results/junit", headers: ["Authorization": "Bearer \(other)"],
                                                  body: Self.report("<testcase name=\"a\"/>"))
            #expect(wrongProject.status == .notFound)
            app.clock.advance(by: 31 * 86_400)
            let expired = try await app.send(.POST, "/api/v1/projects/ATC/results/junit", headers: headers, body: Self.report("<testcase name=\"a\"/>"))
            #expect(expired.status == .unauthorized)
            #expect(try await TestRun.query(on: app.db).count() == 0)
            #expect(try await TestResult.query(on: app.db).count() == 0)
            #expect(try await TestEvidence.query(on: app.db).count() == 0)
            #expect(try await Blob.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func evidenceGoesOnlyToMembersAsAnAttachment(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await VerificationFixtures.make(app)
            let editor = f.context()
            let detect = try await CaseStore.create(editor, draft: CaseDraft(title: "Detect", status: .ready, verifies: [f.key(0)]))
            let run = try await RunStore.create(editor, .init(title: "Range"))
            let result = try #require(try await RunStore.record(editor, runID: run.id!, [.init(testCase: detect.key, outcome: .fail)]).first)
            let svg = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
            let evidence = try await RunStore.attach(editor, runID: run.id!, resultID: result.id, name: "../../plot <1>.svg", content: svg)
            #expect(evidence.name == "plot <1>.svg" && evidence.sha256 == BlobStore.sha256(svg) && evidence.size == svg.count)
            await #expect(throws: FieldsInvalid.self) {
                try await RunStore.attach(editor, runID: run.id!, resultID: nil, name: "big.bin", content: Data(count: RunStore.maxEvidenceBytes + 1))
            }
            let path = "/projects/ATC/verification/runs/1/evidence/\(evidence.id!.uuidString.lowercased())"
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            let download = try await vic.get(path)
            #expect(download.status == .ok && download.headers.first(name: .contentType) == "image/svg+xml")
            #expect(download.headers.first(name: .contentDisposition) == #"attachment; filename="plot <1>.svg""#)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let api = try await app.send(.GET, "/api/v1/projects/ATC/runs/1/evidence/\(evidence.id!.uuidString.lowercased())",
                                         headers: try await app.bearerHeaders("vic@example.com"))
            #expect(api.status == .ok && api.body.readableBytes == svg.count)
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect(try await otto.get(path).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/runs/1/evidence/\(evidence.id!.uuidString.lowercased())",
                                       headers: try await app.bearerHeaders("otto@example.com")).status == .notFound)
            #expect(try await app.send(.GET, "/api/v1/projects/ATC/runs/1/evidence/\(evidence.id!.uuidString.lowercased())").status == .unauthorized)
        }
    }

    struct AcceptedBody: Decodable {
        struct Unmatched: Decodable { let file: String; let test: String; let outcome: String; let reason: String }
        let run: String, url: String, tests: Int, passed: Int, failed: Int, errors: Int, skipped: Int
        let unmatched: [Unmatched]
    }

    struct RunBody: Decodable {
        struct Result: Decodable { let `case`: String?; let test_name: String?; let outcome: String }
        struct File: Decodable { let name: String }
        let build: String, environment: String, commit: String, source: String
        let results: [Result]
        let unmatched: [Result]
        let evidence: [File]
    }
}
