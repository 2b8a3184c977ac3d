import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import Vapor
import VaporTesting
@testable import Verification

/// Cases, runs, staleness, snapshots and defects on both databases.
@Suite struct VerificationStoreTests {
    @Test(arguments: TestDatabase.all)
    func stalenessTurnsOnWhenAVerifiedRequirementChangesAndOffWithANewPass(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await VerificationFixtures.make(app)
            let editor = f.context()
            let detect = try await CaseStore.create(editor, draft: CaseDraft(
                title: "Detect at range", method: .test, status: .ready, preconditions: "Radar warm",
                steps: [.init(action: "Place a target at 200 km", expected: "Detected"), .init(action: "", expected: "")],
                verifies: [f.key(0), f.key(1)]))
            #expect(try await CaseQueries.testCase(detect, on: app.db).steps.count == 1, "empty steps are dropped")
            await #expect(throws: FieldsInvalid.self) { try await CaseStore.create(editor, draft: CaseDraft(title: "x", verifies: ["SYS-REQ-404"])) }
            #expect(try await f.rvtm() == [f.key(0): .unverified, f.key(1): .unverified, f.key(2): .unverified])

            let run = try await RunStore.create(editor, .init(title: "Range campaign", testCase: detect.key, environment: "range", build: "1.0"))
            #expect(run.name == "RUN-1" && run.status == .open)
            try await RunStore.record(editor, runID: run.id!, [.init(testCase: detect.key, outcome: .pass, notes: "ok", durationMS: 1200)])
            #expect(try await f.rvtm()[f.key(0)] == .verified)

            // The statement changes: the pass no longer speaks for it (the other requirement keeps its evidence).
            try await f.restate(0, "The radar shall detect targets at 250 km.")
            var rvtm = try await f.rvtm()
            #expect(rvtm[f.key(0)] == .stale && rvtm[f.key(1)] == .verified)

            // A new pass turns it fresh; a fail after that turns it failed.
            let retest = try await RunStore.create(editor, .init(title: "Retest"))
            try await RunStore.record(editor, runID: retest.id!, [.init(testCase: detect.key, outcome: .pass)])
            #expect(try await f.rvtm()[f.key(0)] == .verified)
            try await RunStore.record(editor, runID: retest.id!, [.init(testCase: detect.key, outcome: .fail, notes: "missed one")])
            rvtm = try await f.rvtm()
            #expect(rvtm[f.key(0)] == .failed && rvtm[f.key(1)] == .failed)

            // Changing the case's steps makes its passes stale too.
            try await RunStore.record(editor, runID: retest.id!, [.init(testCase: detect.key, outcome: .pass)])
            let current = try #require(try await Artifact.find(detect.id, on: app.db))
            try await CaseStore.update(editor, id: current.id!, expectedVersion: current.version, draft: CaseDraft(
                title: "Detect at range", method: .test, status: .ready, steps: [.init(action: "Place a target at 250 km", expected: "Detected")]))
            rvtm = try await f.rvtm()
            #expect(rvtm[f.key(0)] == .stale && rvtm[f.key(1)] == .stale, "verifies left alone when not given")
            #expect(try await f.rvtm(.init(statuses: [.stale])).count == 2)
            #expect(try await f.rvtm(.init(method: .inspection))[f.key(0)] == .unverified)

            // Closed runs take no more results; unknown and retired cases are refused by key.
            try await RunStore.close(editor, runID: retest.id!)
            await #expect(throws: FieldsInvalid.self) { try await RunStore.record(editor, runID: retest.id!, [.init(testCase: detect.key, outcome: .pass)]) }
            do {
                try await RunStore.record(editor, runID: run.id!, [.init(testCase: "TC-999", outcome: .pass)])
                Issue.record("an unknown case was recorded")
            } catch let invalid as FieldsInvalid {
                #expect(invalid.errors.first?.reason == "no test case of this project has the key TC-999")
            }
            await #expect(throws: Abort.self) { try await RunStore.record(f.context(.viewer), runID: run.id!, [.init(testCase: detect.key, outcome: .pass)]) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func snapshotsCompareWhatChangedStatusAndWhatWentStale(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await VerificationFixtures.make(app)
            let editor = f.context()
            let a = try await CaseStore.create(editor, draft: CaseDraft(title: "Detect", status: .ready, verifies: [f.key(0)]))
            let b = try await CaseStore.create(editor, draft: CaseDraft(title: "Track", status: .ready, verifies: [f.key(1)]))
            let run = try await RunStore.create(editor, .init(title: "Campaign"))
            try await RunStore.record(editor, runID: run.id!, [.init(testCase: a.key, outcome: .pass), .init(testCase: b.key, outcome: .blocked)])
            let plan = try await PlanStore.create(editor, .init(title: "System verification", modules: ["sys"], query: ""))
            let planRow = try #require(try await VerificationPlan.find(plan.id, on: app.db))
            #expect(planRow.modulePrefixes == ["SYS"])
            await #expect(throws: FieldsInvalid.self) { try await PlanStore.create(editor, .init(title: "x", modules: ["NOPE"])) }
            await #expect(throws: Abort.self) { try await PlanStore.create(editor, .init(title: "x", status: .approved)) }
            try await PlanStore.saveActivity(editor, planID: plan.id!, .init(title: "Range campaign", method: "test", dueOn: "2027-03-01"))
            await #expect(throws: FieldsInvalid.self) { try await PlanStore.saveActivity(editor, planID: plan.id!, .init(title: "x", dueOn: "soon")) }

            let before = try await Snapshots.take(editor, name: "Before CDR", planID: plan.id)
            try await f.restate(0, "The radar shall detect targets at 300 km.")
            try await RunStore.record(editor, runID: run.id!, [.init(testCase: b.key, outcome: .pass)])
            let after = try await Snapshots.take(editor, name: "After CDR", planID: plan.id)
            let changes = try await Snapshots.compare(before.id!, after.id!, projectID: f.projectID, on: app.db)
            #expect(changes.map(\.key) == [f.key(0), f.key(1)])
            #expect(changes[0].before == "verified" && changes[0].after == "stale" && changes[0].becameStale)
            #expect(changes[1].before == "blocked" && changes[1].after == "verified" && !changes[1].becameStale)
            let trend = try await Snapshots.trend(projectID: f.projectID, planID: plan.id, on: app.db)
            #expect(trend.map(\.snapshot.name) == ["Before CDR", "After CDR"] && trend[1].counts[.stale] == 1 && trend[1].counts[.unverified] == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func defectsLinkResultsAndCloseTheFailedWithoutDefectGap(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await VerificationFixtures.make(app)
            let editor = f.context()
            let detect = try await CaseStore.create(editor, draft: CaseDraft(title: "Detect", status: .ready, verifies: [f.key(0)]))
            _ = try await CaseStore.create(editor, draft: CaseDraft(title: "Orphan", status: .ready))
            let run = try await RunStore.create(editor, .init(title: "Campaign"))
            let result = try #require(try await RunStore.record(editor, runID: run.id!, [.init(testCase: detect.key, outcome: .fail)]).first)
            var coverage = try await CoverageReport.load(projectID: f.projectID, on: app.db)
            #expect(coverage.failedWithoutDefect.map(\.caseKey) == [detect.key])
            #expect(coverage.requirementsWithoutCases.map(\.key) == [f.key(1), f.key(2)])
            #expect(coverage.rvtm.casesWithoutRequirements.map(\.title) == ["Orphan"])
            #expect(coverage.modules.first?.counts[.failed] == 1)

            let defect = try await DefectStore.create(editor, .init(title: "Misses slow targets", severity: .critical), fromResult: result.id)
            #expect(try await CaseQueries.targets(of: defect.id!, kind: VerificationKinds.concerns.id, on: app.db) == [f.key(0), detect.key].sorted())
            coverage = try await CoverageReport.load(projectID: f.projectID, on: app.db)
            #expect(coverage.failedWithoutDefect.isEmpty)
            let detail = try await RunQueries.detail(run, on: app.db)
            #expect(detail.matched.first?.defects == [defect.key])
            await #expect(throws: FieldsInvalid.self) { try await DefectStore.create(editor, .init(title: "x", concerns: ["NOPE-1"])) }

            // The lists' one-read versions answer what the per-item reads answer.
            let spare = try await DefectStore.create(editor, .init(title: "Spare", severity: .minor, concerns: [f.key(2)]))
            let concerns = try await VerificationQueries.linkedKeys(projectID: f.projectID, kind: VerificationKinds.concerns.id, on: app.db)
            #expect(concerns[defect.id!] == [f.key(0), detect.key].sorted() && concerns[spare.id!] == [f.key(2)] && concerns.count == 2)
            let orphan = try #require(try await Artifact.query(on: app.db).filter(\.$title == "Orphan").first())
            let set = try await SetStore.create(editor, .init(title: "Smoke", cases: [orphan.key, detect.key]))
            let empty = try await SetStore.create(editor, .init(title: "Empty"))
            let members = try await VerificationQueries.setMemberKeys(projectID: f.projectID, on: app.db)
            #expect(members[set.id!] == [orphan.key, detect.key] && members[empty.id!] == nil)
            #expect(try await SetStore.members(of: set.id!, on: app.db).map(\.key) == members[set.id!])
        }
    }
}
