import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// Runs, their results and evidence. Each write is one transaction through `ArtifactWriter.transaction`, so it
/// takes the project's write lock and a revision: a result's `revision` is what staleness compares against.
public enum RunStore {
    public struct RunDraft: Sendable, Equatable {
        public var title: String
        /// The set or the single case the run executes (keys); both empty for an ad-hoc run.
        public var set: String
        public var testCase: String
        public var environment: String
        public var build: String
        public var commit: String
        public var executedBy: String
        public init(title: String, set: String = "", testCase: String = "", environment: String = "", build: String = "",
                    commit: String = "", executedBy: String = "")
        {
            self.title = title
            self.set = set
            self.testCase = testCase
            self.environment = environment
            self.build = build
            self.commit = commit
            self.executedBy = executedBy
        }
    }

    public struct ResultDraft: Sendable, Equatable {
        public var testCase: String
        public var outcome: TestResult.Outcome
        public var notes: String
        public var durationMS: Int?
        public init(testCase: String, outcome: TestResult.Outcome, notes: String = "", durationMS: Int? = nil) {
            self.testCase = testCase
            self.outcome = outcome
            self.notes = notes
            self.durationMS = durationMS
        }
    }

    public static let maxEvidenceBytes = 64 * 1_048_576

    @discardableResult
    public static func create(_ context: ArtifactContext, _ draft: RunDraft, source: TestRun.Source = .manual) async throws -> TestRun {
        try context.requireRole(.editor, to: "record test runs")
        return try await context.write { writer in try await create(writer.database, context, draft, source: source) }
    }

    static func create(_ db: any Database, _ context: ArtifactContext, _ draft: RunDraft, source: TestRun.Source) async throws -> TestRun {
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ProblemDetails.FieldError] = []
        if title.isEmpty || title.count > 200 { errors.append(.init(field: "title", reason: "the title must be 1–200 characters")) }
        for (field, value, limit) in [("environment", draft.environment, 500), ("build", draft.build, 200), ("commit", draft.commit, 100),
                                      ("executed_by", draft.executedBy, 200)] where value.count > limit
        {
            errors.append(.init(field: field, reason: "at most \(limit) characters"))
        }
        func artifact(_ key: String, kind: String, field: String, noun: String) async throws -> UUID? {
            let key = key.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { return nil }
            guard let row = try await VerificationQueries.live(key: key, kind: kind, projectID: context.projectID, on: db) else {
                errors.append(.init(field: field, reason: "no \(noun) of this project has the key \(key)"))
                return nil
            }
            return row.id
        }
        let setID = try await artifact(draft.set, kind: VerificationKinds.testSet.id, field: "set", noun: "test set")
        let caseID = try await artifact(draft.testCase, kind: VerificationKinds.testCase.id, field: "case", noun: "test case")
        guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
        let last = try await TestRun.query(on: db).filter(\.$projectID == context.projectID).max(\.$number) ?? 0
        let run = TestRun()
        run.id = UUID()
        run.projectID = context.projectID
        run.number = last + 1
        run.title = title
        run.setID = setID
        run.caseID = caseID
        run.environment = draft.environment.trimmingCharacters(in: .whitespacesAndNewlines)
        run.build = draft.build.trimmingCharacters(in: .whitespacesAndNewlines)
        run.commit = draft.commit.trimmingCharacters(in: .whitespacesAndNewlines)
        let executedBy = draft.executedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        run.executedBy = executedBy.isEmpty ? context.actor.label : executedBy
        run.source = source
        run.status = source == .junit ? .importing : .open
        run.startedAt = context.now
        run.note = ""
        run.createdAt = context.now
        run.createdBy = context.actor.userID
        try await run.create(on: db)
        try await AuditLog.record(AuditEvent("test-run.created", kind: "test-run", id: run.id?.uuidString, key: run.name, project: context.projectID,
                                             after: ["title": title, "build": run.build, "environment": run.environment, "source": source.rawValue]),
                                  by: context.actor, on: db, at: context.now)
        return run
    }

    /// Records results in an open run; a case given twice keeps the last. Unknown or retired cases are refused by key.
    @discardableResult
    public static func record(_ context: ArtifactContext, runID: UUID, _ drafts: [ResultDraft]) async throws -> [TestResult] {
        try context.requireRole(.editor, to: "record test results")
        return try await context.write { writer in
            let db = writer.database
            let run = try await find(runID, context, on: db)
            guard run.status == .open else {
                throw FieldsInvalid(field: "run", "\(run.name) is \(run.status.rawValue); results go into an open run")
            }
            var errors: [ProblemDetails.FieldError] = []
            var results: [(result: TestResult, key: String)] = []
            for draft in drafts {
                let key = draft.testCase.trimmingCharacters(in: .whitespaces)
                guard let artifact = try await VerificationQueries.live(key: key, kind: VerificationKinds.testCase.id, projectID: context.projectID, on: db),
                      let row = try await TestCase.find(artifact.id, on: db)
                else {
                    errors.append(.init(field: "case", reason: "no test case of this project has the key \(key.isEmpty ? "“”" : key)"))
                    continue
                }
                if row.status == .retired { errors.append(.init(field: "case", reason: "\(key) is retired; record results of current cases")) }
                if draft.notes.count > 20_000 { errors.append(.init(field: "notes", reason: "the notes must be at most 20,000 characters")) }
                if let duration = draft.durationMS, duration < 0 { errors.append(.init(field: "duration_ms", reason: "a duration cannot be negative")) }
                results.append((result(run: run, caseID: artifact.id, outcome: draft.outcome, notes: draft.notes, durationMS: draft.durationMS,
                                       revision: writer.revision, context), artifact.key))
            }
            guard errors.isEmpty else { throw FieldsInvalid(errors: errors) }
            for (result, key) in results {
                try await result.create(on: db)
                try await AuditLog.record(AuditEvent("test-result.recorded", kind: "test-result", id: result.id?.uuidString,
                                                     key: "\(run.name) \(key)", project: context.projectID,
                                                     after: ["outcome": result.outcome.rawValue, "notes": String(result.notes.prefix(200))]),
                                          by: context.actor, on: db, at: context.now)
            }
            return results.map(\.result)
        }
    }

    static func result(run: TestRun, caseID: UUID?, outcome: TestResult.Outcome, notes: String, durationMS: Int?, revision: Int64,
                       _ context: ArtifactContext) -> TestResult
    {
        let result = TestResult()
        result.id = UUID()
        result.projectID = context.projectID
        result.runID = run.id!
        result.caseID = caseID
        result.outcome = outcome
        result.notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        result.durationMS = durationMS
        result.revision = revision
        result.recordedAt = context.now
        result.recordedBy = context.actor.label
        result.testName = ""
        result.reportOutcome = ""
        result.unmatchedReason = ""
        return result
    }

    /// Closes a run: no more results go in. Reopening is not offered — a new run records a retest.
    public static func close(_ context: ArtifactContext, runID: UUID) async throws {
        try context.requireRole(.editor, to: "close test runs")
        try await context.write { writer in
            let run = try await find(runID, context, on: writer.database)
            guard run.status == .open else { throw FieldsInvalid(field: "run", "\(run.name) is \(run.status.rawValue), not open") }
            run.status = .closed
            try await run.update(on: writer.database)
            try await AuditLog.record(AuditEvent("test-run.closed", kind: "test-run", id: run.id?.uuidString, key: run.name, project: context.projectID),
                                      by: context.actor, on: writer.database, at: context.now)
        }
    }

    /// Keeps `content` as evidence of a result (or of the run when `resultID` is nil).
    @discardableResult
    public static func attach(_ context: ArtifactContext, runID: UUID, resultID: UUID?, name: String, content: Data) async throws -> TestEvidence {
        try context.requireRole(.editor, to: "attach evidence")
        let name = safeName(name)
        guard !content.isEmpty else { throw FieldsInvalid(field: "file", "the file is empty") }
        guard content.count <= maxEvidenceBytes else {
            throw FieldsInvalid(field: "file", "\(name) is \(content.count / 1_048_576) MB; evidence files are at most \(maxEvidenceBytes / 1_048_576) MB")
        }
        return try await context.write { writer in
            let db = writer.database
            let run = try await find(runID, context, on: db)
            if let resultID {
                guard try await TestResult.query(on: db).filter(\.$id == resultID).filter(\.$runID == runID).first() != nil else {
                    throw Abort(.notFound, reason: "\(run.name) has no such result.")
                }
            }
            let blob = try await BlobStore.put(content, projectID: context.projectID, maxBytes: maxEvidenceBytes, on: db, at: context.now)
            let evidence = TestEvidence()
            evidence.id = UUID()
            evidence.projectID = context.projectID
            evidence.runID = runID
            evidence.resultID = resultID
            evidence.blobID = try blob.requireID()
            evidence.name = name
            evidence.size = content.count
            evidence.sha256 = blob.sha256
            evidence.uploadedAt = context.now
            evidence.uploadedBy = context.actor.label
            try await evidence.create(on: db)
            try await AuditLog.record(AuditEvent("test-evidence.added", kind: "test-run", id: runID.uuidString, key: run.name, project: context.projectID,
                                                 after: ["file": name, "sha256": blob.sha256, "size": String(content.count)]),
                                      by: context.actor, on: db, at: context.now)
            return evidence
        }
    }

    /// A file name as a download may carry it: the last path component, printable, at most 200 characters.
    static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let safe = cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "evidence" : cleaned
        return String(safe.prefix(200))
    }

    static func find(_ id: UUID, _ context: ArtifactContext, on db: any Database) async throws -> TestRun {
        guard let run = try await TestRun.query(on: db).filter(\.$id == id).filter(\.$projectID == context.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such test run in this project.") }
        return run
    }
}
