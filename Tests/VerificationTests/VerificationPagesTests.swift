import Artifacts
import Fluent
import Foundation
import Platform
import SesaTesting
import Testing
import Vapor
import VaporTesting
@testable import Verification

/// The verification pages through a signed-in browser, on both databases: forms, refusals re-rendered with the
/// fields named, and what each page shows.
@Suite struct VerificationPagesTests {
    @Test(arguments: TestDatabase.all)
    func anEditorWalksFromPlanToDefectAndTheRVTMFollows(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await VerificationFixtures.make(app)
            let ed = TestBrowser(app)
            try await ed.signIn("ed@example.com")
            #expect(try await ed.get("/projects/ATC/verification").status == .seeOther)

            // A plan of the SYS module.
            _ = try await ed.get("/projects/ATC/verification/plans")
            var page = try await ed.post("/projects/ATC/verification/plans", form: ["title": "System verification", "modules": "SYS NOPE", "status": "draft"])
            #expect(page.status == .unprocessableEntity && page.text.contains("No requirement module of this project has the prefix NOPE"))
            page = try await ed.post("/projects/ATC/verification/plans", form: ["title": "System verification", "modules": "SYS", "status": "draft"])
            #expect(page.status == .seeOther && page.headers.first(name: .location) == "/projects/ATC/verification/plans/VP-001")
            page = try await ed.post("/projects/ATC/verification/plans/VP-001/activities", form: ["activity_title": "Range campaign", "activity_due": "2027-02-01"])
            #expect(page.status == .seeOther)
            page = try await ed.get("/projects/ATC/verification/plans/VP-001")
            #expect(page.text.contains("Range campaign") && page.text.contains("3 unverified of 3"))
            let activity = try #require(try await VerificationActivity.query(on: app.db).first())
            let activityPath = "/projects/ATC/verification/plans/VP-001/activities/\(activity.id!.uuidString.lowercased())"
            page = try await ed.post(activityPath, form: ["activity_status": "in-progress"])
            #expect(page.status == .seeOther)
            #expect(try await VerificationActivity.find(activity.id, on: app.db)?.status == .inProgress)
            #expect(try await ed.post(activityPath, form: ["activity_status": "someday"]).status == .unprocessableEntity)

            // A case with steps linked to two requirements; a bad key is named.
            _ = try await ed.get("/projects/ATC/verification/cases")
            page = try await ed.post("/projects/ATC/verification/cases", pairs: [
                ("title", "Detect at range"), ("method", "test"), ("status", "ready"), ("verifies", "\(f.key(0)) SYS-REQ-404"),
                ("action[]", "Place a target at 200 km"), ("expected[]", "Detected within 2 scans"), ("action[]", ""), ("expected[]", ""),
            ])
            #expect(page.status == .unprocessableEntity && page.text.contains("No requirement of this project has the key SYS-REQ-404"))
            #expect(page.text.contains("Place a target at 200 km"), "the form keeps what was typed")
            page = try await ed.post("/projects/ATC/verification/cases", pairs: [
                ("title", "Detect at range"), ("method", "test"), ("status", "ready"), ("verifies", "\(f.key(0)) \(f.key(1))"),
                ("action[]", "Place a target at 200 km"), ("expected[]", "Detected within 2 scans"),
            ])
            #expect(page.status == .seeOther)
            page = try await ed.get("/projects/ATC/verification/cases/TC-001")
            #expect(page.text.contains("Detected within 2 scans") && page.text.contains(f.key(1)))

            // A set, a run of it, a failing result with evidence, a defect from it.
            page = try await ed.post("/projects/ATC/verification/sets", form: ["title": "Range", "purpose": "campaign", "cases": "TC-001"])
            #expect(page.status == .seeOther)
            _ = try await ed.get("/projects/ATC/verification/sets/TS-001")
            page = try await ed.post("/projects/ATC/verification/runs", form: ["title": "Range", "set": "TS-001", "build": "1.4.0"])
            #expect(page.headers.first(name: .location) == "/projects/ATC/verification/runs/1")
            _ = try await ed.get("/projects/ATC/verification/runs/1")
            page = try await ed.upload("/projects/ATC/verification/runs/1/results", fields: ["case": "TC-001", "outcome": "fail", "notes": "missed at 200 km"],
                                       file: ("file", "scope.csv", "t,range\n1,198\n"))
            #expect(page.status == .seeOther, "\(page.text)")
            page = try await ed.get("/projects/ATC/verification/runs/1")
            #expect(page.text.contains("missed at 200 km") && page.text.contains("scope.csv") && page.text.contains("Report defect"))
            let result = try #require(try await TestResult.query(on: app.db).first())
            page = try await ed.post("/projects/ATC/verification/defects", form: ["title": "Misses targets at range", "severity": "critical",
                                                                                  "result": result.id!.uuidString.lowercased()])
            #expect(page.status == .seeOther)
            page = try await ed.get("/projects/ATC/verification/defects/DEF-001")
            #expect(page.text.contains("RUN-1") && page.text.contains(f.key(0)) && page.text.contains("TC-001"))

            // The RVTM shows both requirements failed, filters, and downloads.
            page = try await ed.get("/projects/ATC/rvtm?status=failed")
            #expect(page.text.contains(f.key(0)) && page.text.contains(f.key(1)) && !page.text.contains(f.key(2) + "<"))
            let csv = try await ed.get("/projects/ATC/rvtm?module=SYS&format=csv")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.text.contains("SYS,\(f.key(0)),Detect,failed,TC-001,Detect at range,test,failed"))
            #expect(try await ed.get("/projects/ATC/rvtm?format=xlsx").status == .ok)
            #expect(try await ed.get("/projects/ATC/rvtm?status=bogus").status == .unprocessableEntity)
            #expect(try await ed.get("/projects/ATC/verification/runs/1/report.csv").text.contains("RUN-1,TC-001,Detect at range,,fail"))

            // Coverage: charts, gaps, a snapshot; leads alone save patterns.
            page = try await ed.get("/projects/ATC/verification/coverage")
            #expect(page.text.contains("count-chart") && page.text.contains("Requirements without cases (1)"))
            page = try await ed.post("/projects/ATC/verification/coverage/snapshots", form: ["name": "Baseline"])
            #expect(page.status == .seeOther)
            #expect(try await ed.post("/projects/ATC/verification/coverage/mappings", form: ["mappings": "radar.* => TC-001"]).status == .forbidden)
            let lena = TestBrowser(app)
            try await lena.signIn("lena@example.com")
            _ = try await lena.get("/projects/ATC/verification/coverage")
            page = try await lena.post("/projects/ATC/verification/coverage/mappings", form: ["mappings": "radar.* => TC-404"])
            #expect(page.status == .unprocessableEntity && page.text.contains("Line 1: no test case of this project has the key TC-404"))
            page = try await lena.post("/projects/ATC/verification/coverage/mappings", form: ["mappings": "radar.* => TC-001"])
            #expect(page.status == .seeOther)

            // Removing an activity; a viewer reads every page and gets no forms.
            _ = try await ed.get("/projects/ATC/verification/plans/VP-001")
            #expect(try await ed.post(activityPath + "/remove", form: [:]).status == .seeOther)
            #expect(try await VerificationActivity.query(on: app.db).count() == 0)
            let vic = TestBrowser(app)
            try await vic.signIn("vic@example.com")
            for path in ["cases", "cases/TC-001", "plans", "plans/VP-001", "sets", "sets/TS-001", "runs", "runs/1", "defects", "defects/DEF-001", "coverage"] {
                let read = try await vic.get("/projects/ATC/verification/" + path)
                #expect(read.status == .ok, "\(path)")
                let main = read.text.components(separatedBy: "<main").last ?? ""
                #expect(!main.contains("method=\"post\""), "\(path) offers a viewer a form")
            }
            let otto = TestBrowser(app)
            try await otto.signIn("otto@example.com")
            #expect(try await otto.get("/projects/ATC/rvtm").status == .notFound)
        }
    }
}
