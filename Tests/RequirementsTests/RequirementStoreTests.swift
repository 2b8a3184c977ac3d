import Artifacts
import Fluent
import Foundation
import Platform
import Requirements
import SesaTesting
import Testing
import TraceEngine
import Vapor

/// The requirements store on both databases: lifecycle and who may move it, cycles, suspect links, document
/// order, custom attributes, comments, search and filters, impact sets and coverage.
@Suite struct RequirementStoreTests {
    @Test(arguments: TestDatabase.all)
    func lifecycleTransitionsAndWhoMayMakeThem(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let req = try await f.requirement(sys, "Track update", "The system shall update each track within 1 s.")
            #expect(req.key == "SYS-REQ-001")
            let id = try req.requireID()
            #expect(try await f.fields(req)["status"] == .string("draft"))

            // Viewers cannot write; editors cannot approve; draft cannot jump to approved.
            await #expect(throws: Abort.self) {
                try await RequirementStore.transition(try f.context(.viewer, as: f.vic), id: id, expectedVersion: 1, to: .inReview)
            }
            await #expect(throws: RequirementInvalid.self) {
                try await RequirementStore.transition(try f.lead, id: id, expectedVersion: 1, to: .approved)
            }
            var current = try await RequirementStore.transition(try f.editor, id: id, expectedVersion: 1, to: .inReview)
            do {
                _ = try await RequirementStore.transition(try f.editor, id: id, expectedVersion: current.version, to: .approved)
                Issue.record("an editor approved")
            } catch let error as Abort {
                #expect(error.status == .forbidden)
                #expect(error.reason.contains("leads"))
            }
            current = try await RequirementStore.transition(try f.lead, id: id, expectedVersion: current.version, to: .approved)
            let approval = try #require(try await RequirementApproval.query(on: app.db).filter(\.$artifactID == id).first())
            #expect(approval.version == current.version)
            #expect(approval.contentHash == current.contentHash)
            #expect(approval.approvedByLabel == "lena@example.com")

            // A non-trigger edit keeps it approved; a statement edit sends it back to review.
            var draft = RequirementDraft(fields: try await f.fields(current), attributes: [])
            draft.priority = "high"
            current = try await RequirementStore.updateRequirement(try f.editor, id: id, expectedVersion: current.version, draft: draft)
            #expect(try await f.fields(current)["status"] == .string("approved"))
            draft.statement = "The system shall update each track within 500 ms."
            current = try await RequirementStore.updateRequirement(try f.editor, id: id, expectedVersion: current.version, draft: draft)
            #expect(try await f.fields(current)["status"] == .string("in-review"))
            #expect(try await f.auditActions("requirement.status-changed").contains { $0.details.contains("back to review") })

            // Obsolete is read-only until a lead revives it.
            current = try await RequirementStore.transition(try f.lead, id: id, expectedVersion: current.version, to: .obsolete)
            await #expect(throws: RequirementInvalid.self) {
                try await RequirementStore.updateRequirement(try f.editor, id: id, expectedVersion: current.version, draft: draft)
            }
            await #expect(throws: Abort.self) {
                try await RequirementStore.transition(try f.editor, id: id, expectedVersion: current.version, to: .draft)
            }
            current = try await RequirementStore.transition(try f.lead, id: id, expectedVersion: current.version, to: .draft)
            #expect(try await f.fields(current)["status"] == .string("draft"))
            // A stale version is refused with the conflict, nothing saved.
            await #expect(throws: VersionConflict.self) {
                try await RequirementStore.transition(try f.editor, id: id, expectedVersion: 1, to: .inReview)
            }
            #expect(try await f.reload(current).version == current.version)
        }
    }

    @Test(arguments: TestDatabase.all)
    func validationNamesEveryBadFieldAndStoresNothing(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let sil = try await RequirementStore.defineAttribute(try f.lead, moduleID: try sys.requireID(), name: "sil", label: "SIL",
                                                                 type: .enumeration, options: ["SIL1", "SIL2"])
            _ = try await RequirementStore.defineAttribute(try f.lead, moduleID: try sys.requireID(), name: "due", label: "Due",
                                                           type: .date, options: [])
            await #expect(throws: Abort.self) { // editors do not define attributes
                try await RequirementStore.defineAttribute(try f.editor, moduleID: try sys.requireID(), name: "x", label: "X",
                                                           type: .text, options: [])
            }
            let bad = RequirementDraft(title: "", statement: "", type: "wish", priority: "urgent", verificationMethods: ["prayer"],
                                       attributes: ["sil": ["SIL4"], "due": ["2026-02-30"], "colour": ["red"]])
            do {
                try await RequirementStore.createRequirement(try f.editor, moduleID: try sys.requireID(), draft: bad)
                Issue.record("an invalid draft was stored")
            } catch let error as RequirementInvalid {
                #expect(Set(error.errors.map(\.field)) == ["title", "statement", "type", "priority", "verification_methods",
                                                           "attr.sil", "attr.due", "attr.colour"])
            }
            #expect(try await DocumentItem.query(on: app.db).count() == 0)
            let good = RequirementDraft(title: "T", statement: "The unit shall log faults.", attributes: ["sil": ["SIL2"], "due": ["2026-03-01"]])
            let req = try await RequirementStore.createRequirement(try f.editor, moduleID: try sys.requireID(), draft: good)
            let fields = try await f.fields(req)
            #expect(fields[sil.fieldName] == .string("SIL2"))
            #expect(fields["attr.due"] == .string("2026-03-01"))
            await #expect(throws: RequirementInvalid.self) { try await f.module("SYS") } // prefix taken
        }
    }

    @Test(arguments: TestDatabase.all)
    func derivationCyclesAreRefusedWithTheCycleNamed(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let a = try await f.requirement(sys, "A", "The system shall A.")
            let b = try await f.requirement(sys, "B", "The system shall B.")
            let c = try await f.requirement(sys, "C", "The system shall C.")
            try await RequirementStore.link(try f.editor, kind: "derives-from", from: b.key, to: a.key)
            try await RequirementStore.link(try f.editor, kind: "derives-from", from: c.key, to: b.key)
            try await RequirementStore.link(try f.editor, kind: "derives-from", from: c.key, to: a.key) // multi-parent is fine
            do {
                try await RequirementStore.link(try f.editor, kind: "derives-from", from: a.key, to: c.key)
                Issue.record("a cycle was stored")
            } catch let refusal as ArtifactRefusal {
                #expect(refusal.reason.contains("cycle"))
                #expect(refusal.reason.contains("SYS-REQ-001") && refusal.reason.contains("SYS-REQ-003"))
            }
            // satisfies is not a derivation kind: a loop is allowed.
            try await RequirementStore.link(try f.editor, kind: "satisfies", from: a.key, to: c.key)
            await #expect(throws: Abort.self) {
                try await RequirementStore.link(try f.context(.viewer, as: f.vic), kind: "satisfies", from: b.key, to: c.key)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func suspectTurnsOnForBothEndsAndOffOnlyByClearingWithAReason(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let parent = try await f.requirement(sys, "Parent", "The system shall detect aircraft.")
            let child = try await f.requirement(sys, "Child", "The radar shall detect aircraft at 100 NM.")
            let link = try await RequirementStore.link(try f.editor, kind: "derives-from", from: child.key, to: parent.key)
            let linkID = try link.requireID()
            func isSuspect() async throws -> Bool { try #require(try await ArtifactLink.find(linkID, on: app.db)).suspect }

            // A non-trigger field does not make it suspect.
            var draft = RequirementDraft(fields: try await f.fields(parent), attributes: [])
            draft.priority = "high"
            var current = try await RequirementStore.updateRequirement(try f.editor, id: try parent.requireID(), expectedVersion: 1, draft: draft)
            #expect(try await isSuspect() == false)
            // Changing the parent's statement (target end) turns it suspect, listed at both ends.
            draft.statement = "The system shall detect and track aircraft."
            current = try await RequirementStore.updateRequirement(try f.editor, id: try parent.requireID(), expectedVersion: current.version, draft: draft)
            #expect(try await isSuspect())
            let projectID = try f.atc.requireID()
            #expect(try await RequirementQueries.suspectLinks(projectID: projectID, at: try child.requireID(), on: app.db).map(\.id) == [linkID])
            #expect(try await RequirementQueries.suspectLinks(projectID: projectID, at: try parent.requireID(), on: app.db).map(\.id) == [linkID])

            // Viewers cannot clear; a reason is required; then it is off and audited with the reason.
            await #expect(throws: Abort.self) {
                try await RequirementStore.clearSuspect(try f.context(.viewer, as: f.vic), linkID: linkID, reason: "fine")
            }
            await #expect(throws: ArtifactRefusal.self) {
                try await RequirementStore.clearSuspect(try f.editor, linkID: linkID, reason: "  ")
            }
            #expect(try await isSuspect())
            let cleared = try await RequirementStore.clearSuspect(try f.editor, linkID: linkID, reason: "Tracking is still derived")
            #expect(cleared.suspect == false && cleared.version == 2 && cleared.clearedReason == "Tracking is still derived")
            let audit = try #require(try await f.auditActions("link.suspect-cleared").first)
            #expect(audit.details.contains("Tracking is still derived"))
            #expect(audit.actorLabel == "ed@example.com")
            await #expect(throws: ArtifactRefusal.self) { // not suspect any more
                try await RequirementStore.clearSuspect(try f.editor, linkID: linkID, reason: "again")
            }
            // The source end's change turns it suspect again.
            var childDraft = RequirementDraft(fields: try await f.fields(child), attributes: [])
            childDraft.title = "Child detection range"
            _ = try await RequirementStore.updateRequirement(try f.editor, id: try child.requireID(), expectedVersion: 1, draft: childDraft)
            #expect(try await isSuspect())
        }
    }

    @Test(arguments: TestDatabase.all)
    func documentOrderMovesAndNumbers(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let intro = try await RequirementStore.createSection(try f.editor, moduleID: try sys.requireID(), title: "Detection", text: "")
            let a = try await f.requirement(sys, "A", "The system shall A.", parent: try intro.requireID())
            let b = try await f.requirement(sys, "B", "The system shall B.", parent: try intro.requireID())
            let c = try await f.requirement(sys, "C", "The system shall C.")
            func order() async throws -> [String] {
                try await RequirementQueries.document(module: sys, disabledRules: [], on: app.db).map { "\($0.number) \($0.key)" }
            }
            #expect(try await order() == ["1 SYS-SEC-001", "1.1 SYS-REQ-001", "1.2 SYS-REQ-002", "2 SYS-REQ-003"])
            try await RequirementStore.move(try f.editor, id: try b.requireID(), .up)
            #expect(try await order() == ["1 SYS-SEC-001", "1.1 SYS-REQ-002", "1.2 SYS-REQ-001", "2 SYS-REQ-003"])
            try await RequirementStore.move(try f.editor, id: try a.requireID(), .indent) // under B
            #expect(try await order() == ["1 SYS-SEC-001", "1.1 SYS-REQ-002", "1.1.1 SYS-REQ-001", "2 SYS-REQ-003"])
            try await RequirementStore.move(try f.editor, id: try a.requireID(), .outdent)
            try await RequirementStore.move(try f.editor, id: try a.requireID(), .outdent)
            #expect(try await order() == ["1 SYS-SEC-001", "1.1 SYS-REQ-002", "2 SYS-REQ-001", "3 SYS-REQ-003"])
            await #expect(throws: RequirementInvalid.self) { try await RequirementStore.move(try f.editor, id: try c.requireID(), .down) }
            await #expect(throws: RequirementInvalid.self) { // into its own subtree
                try await RequirementStore.move(try f.editor, id: try intro.requireID(), parentID: try b.requireID(), position: 0)
            }
            // An approved requirement is kept on record; a draft leaf can go.
            await #expect(throws: RequirementInvalid.self) {
                try await RequirementStore.delete(try f.editor, id: try intro.requireID(), expectedVersion: 1) // has children
            }
            try await RequirementStore.delete(try f.editor, id: try c.requireID(), expectedVersion: 1)
            #expect(try await order() == ["1 SYS-SEC-001", "1.1 SYS-REQ-002", "2 SYS-REQ-001"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func searchAndFilters(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let sub = try await f.module("SUB")
            _ = try await RequirementStore.defineAttribute(try f.lead, moduleID: try sys.requireID(), name: "sil", label: "SIL",
                                                           type: .multiEnumeration, options: ["SIL1", "SIL2"])
            let radar = try await RequirementStore.createRequirement(
                try f.editor, moduleID: try sys.requireID(),
                draft: RequirementDraft(title: "Radar coverage", statement: "The radar shall cover 250 NM.", tags: ["radar", "range"],
                                        attributes: ["sil": ["SIL1", "SIL2"]]))
            try await f.requirement(sys, "Display", "The display should be fast.", tags: ["hmi"])
            try await f.requirement(sub, "Radar power", "The radar transmitter shall draw at most 2 kW.")
            let projectID = try f.atc.requireID()
            func keys(_ configure: (inout RequirementQueries.Filter) -> Void) async throws -> [String] {
                var filter = RequirementQueries.Filter()
                configure(&filter)
                return try await RequirementQueries.search(projectID: projectID, filter: filter, disabledRules: [], on: app.db).hits.map(\.key)
            }
            #expect(try await keys { $0.text = "radar" } == ["SUB-REQ-001", "SYS-REQ-001"])
            #expect(try await keys { $0.text = "rad cov" } == ["SYS-REQ-001"]) // prefixes, all terms
            #expect(try await keys { $0.text = "SYS-REQ-002" } == ["SYS-REQ-002"])
            #expect(try await keys { $0.text = "\"; DROP TABLE artifacts; --" } == [])
            #expect(try await keys { $0.moduleID = sub.id } == ["SUB-REQ-001"])
            #expect(try await keys { $0.tag = "hmi" } == ["SYS-REQ-002"])
            #expect(try await keys { $0.tag = "ran" } == []) // tags match whole
            #expect(try await keys { $0.finding = "missing-shall" } == ["SYS-REQ-002"])
            #expect(try await keys { $0.attribute = ("sil", "SIL2") } == ["SYS-REQ-001"])
            #expect(try await keys { $0.status = "approved" } == [])
            #expect(try await keys { $0.perPage = 2; $0.page = 2 } == ["SYS-REQ-002"])
            // Edits reach the index in the same transaction.
            var draft = RequirementDraft(fields: try await f.fields(radar), attributes: [])
            draft.statement = "The surveillance sensor shall cover 250 NM."
            draft.title = "Sensor coverage"
            try await RequirementStore.updateRequirement(try f.editor, id: try radar.requireID(), expectedVersion: 1, draft: draft)
            #expect(try await keys { $0.text = "radar" } == ["SUB-REQ-001"])
            #expect(try await keys { $0.text = "surveillance" } == ["SYS-REQ-001"])
            // Bulk changes are all or nothing.
            let ids = try await DocumentItem.query(on: app.db).filter(\.$moduleID == (try sys.requireID())).all().map { try $0.requireID() }
            await #expect(throws: Abort.self) { // editors cannot approve, so nothing changes
                try await RequirementStore.bulk(try f.editor, ids: ids, change: .status(.obsolete))
            }
            #expect(try await keys { $0.status = "obsolete" } == [])
            #expect(try await RequirementStore.bulk(try f.editor, ids: ids, change: .addTag("release-1")) == 2)
            #expect(try await keys { $0.tag = "release-1" } == ["SYS-REQ-001", "SYS-REQ-002"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func impactSetsAndCoverageOnTheCachedGraph(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let sub = try await f.module("SUB", parentExpected: true)
            // SYS-1 ← SUB-1 ← SUB-2 (derives-from), SUB-2 satisfies SUB-3 satisfies SUB-2 (a non-derivation cycle).
            let s1 = try await f.requirement(sys, "S1", "The system shall S1.")
            let u1 = try await f.requirement(sub, "U1", "The unit shall U1.")
            let u2 = try await f.requirement(sub, "U2", "The unit shall U2.")
            let u3 = try await f.requirement(sub, "U3", "The unit shall U3.")
            try await RequirementStore.link(try f.editor, kind: "derives-from", from: u1.key, to: s1.key)
            try await RequirementStore.link(try f.editor, kind: "derives-from", from: u2.key, to: u1.key)
            try await RequirementStore.link(try f.editor, kind: "satisfies", from: u2.key, to: u3.key)
            try await RequirementStore.link(try f.editor, kind: "satisfies", from: u3.key, to: u2.key)
            let projectID = try f.atc.requireID()
            let graph = try await app.traceGraphs.graph(for: projectID, on: app.db)
            let everything = try #require(TraceQueries.impact(graph: graph, from: try s1.requireID(), direction: .upstream, linkKinds: [], maxDepth: nil))
            let reached = everything.set.members.map { (graph.keys[Int($0.node)], $0.depth) }
            #expect(reached.map(\.0) == [u1.key, u2.key, u3.key])
            #expect(reached.map(\.1) == [1, 2, 3])
            #expect(everything.set.path(to: graph.node(try u3.requireID())!)!.map { graph.keys[Int($0)] } == [s1.key, u1.key, u2.key, u3.key])
            let derivedOnly = try #require(TraceQueries.impact(graph: graph, from: try s1.requireID(), direction: .upstream,
                                                              linkKinds: ["derives-from"], maxDepth: nil))
            #expect(derivedOnly.set.members.count == 2)
            let shallow = try #require(TraceQueries.impact(graph: graph, from: try s1.requireID(), direction: .upstream, linkKinds: [], maxDepth: 1))
            #expect(shallow.set.members.count == 1)
            let cycle = try #require(TraceQueries.impact(graph: graph, from: try u3.requireID(), direction: .both, linkKinds: ["satisfies"], maxDepth: nil))
            #expect(cycle.set.members.map { graph.keys[Int($0.node)] } == [u2.key])

            // The cache follows the project revision: a new link is seen at once.
            let builds = await app.traceGraphs.buildCount
            _ = try await app.traceGraphs.graph(for: projectID, on: app.db)
            #expect(await app.traceGraphs.buildCount == builds)
            try await RequirementStore.link(try f.editor, kind: "derives-from", from: u3.key, to: u1.key)
            let moved = try await app.traceGraphs.graph(for: projectID, on: app.db)
            #expect(moved.revision > graph.revision)
            #expect(moved.graph.edgeCount == graph.graph.edgeCount + 1)

            let coverage = TraceQueries.coverage(graph: moved, sourceIDs: [try u1.requireID(), try u2.requireID(), try u3.requireID()],
                                                 questions: TraceQueries.defaultQuestions)
            let parent = try #require(coverage.first { $0.question.id == "parent" })
            #expect(parent.total == 3 && parent.covered == 3)
            let children = try #require(coverage.first { $0.question.id == "children" })
            let leaves: Set<UUID> = [try u2.requireID(), try u3.requireID()]
            #expect(children.covered == 1 && Set(children.uncoveredIDs) == leaves)
            let verified = try #require(coverage.first { $0.question.id == "verified" })
            #expect(verified.covered == 0 && verified.uncoveredIDs.count == 3)
        }
    }

    @Test(arguments: TestDatabase.all)
    func commentThreadsResolveAndReopen(database: TestDatabase) async throws {
        try await withApp(on: database, worker: false) { app in
            let f = try await RequirementFixtures.make(app)
            let sys = try await f.module()
            let req = try await f.requirement(sys, "A", "The system shall A.")
            let thread = try await RequirementStore.comment(try f.context(.viewer, as: f.vic), on: try req.requireID(), body: "Which A?")
            let reply = try await RequirementStore.comment(try f.editor, on: try req.requireID(), body: "The first.", threadID: thread.id)
            #expect(reply.threadID == thread.id)
            await #expect(throws: RequirementInvalid.self) { // replies to replies are refused
                try await RequirementStore.comment(try f.editor, on: try req.requireID(), body: "x", threadID: reply.id)
            }
            await #expect(throws: Abort.self) { // another viewer may not resolve Vic's thread
                try await RequirementStore.setResolved(try f.context(.viewer), threadID: try thread.requireID(), resolved: true)
            }
            try await RequirementStore.setResolved(try f.editor, threadID: try thread.requireID(), resolved: true)
            #expect(try await RequirementComment.find(thread.id, on: app.db)?.resolvedByLabel == "ed@example.com")
            await #expect(throws: RequirementInvalid.self) {
                try await RequirementStore.setResolved(try f.editor, threadID: try thread.requireID(), resolved: true)
            }
            try await RequirementStore.setResolved(try f.context(.viewer, as: f.vic), threadID: try thread.requireID(), resolved: false)
            #expect(try await RequirementComment.find(thread.id, on: app.db)?.resolvedAt == nil)
        }
    }
}
