import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import Vapor

/// The plan and defect pages.
enum PlansController {
    @Sendable static func list(_ request: Request) async throws -> Response { try await renderList(request) }

    static func phases(_ request: Request) async throws -> [String] {
        try await GovernanceQueries.phases(projectID: try request.requireProject().projectID, on: request.db).map(\.name)
    }

    static func renderList(_ request: Request, form: PlanForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$kind == VerificationKinds.plan.id)
            .filter(\.$deletedAt == nil).sort(\.$key).all()
        let plans = Dictionary(try await VerificationPlan.query(on: request.db).filter(\.$projectID == access.projectID).all().map { ($0.id!, $0) },
                               uniquingKeysWith: { a, _ in a })
        let phaseNames = Dictionary(try await GovernanceQueries.phases(projectID: access.projectID, on: request.db).map { ($0.id!, $0.name) },
                                    uniquingKeysWith: { a, _ in a })
        var rows: [(String, String, VerificationPlan, String, [VerificationStatus.Coverage: Int])] = []
        for artifact in artifacts {
            guard let plan = plans[artifact.id!] else { continue }
            let rvtm = try await RVTM.build(projectID: access.projectID, filter: VerificationQueries.filter(of: plan), on: request.db)
            rows.append((artifact.key, artifact.title, plan, plan.phaseID.flatMap { phaseNames[$0] } ?? "",
                         Dictionary(grouping: rvtm.rows, by: \.coverage).mapValues(\.count)))
        }
        return request.render(PlansPage(access: access, rows: rows, phases: try await phases(request), csrfToken: request.csrfToken, form: form,
                                        errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(PlanForm.self)
        do {
            let artifact = try await PlanStore.create(try ArtifactContext(request), try form.draft())
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: VerificationRoute.plan(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response { try await render(request) }

    static func render(_ request: Request, form: PlanForm? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let plan = try await PlanStore.find(artifact.id!, try ArtifactContext(request), on: request.db)
        let phase = try await plan.phaseID.asyncMap { try await Phase.find($0, on: request.db)?.name } ?? nil
        return request.render(PlanPage(
            access: access, artifact: artifact, plan: plan, phase: phase ?? "", phases: try await phases(request),
            activities: try await VerificationActivity.query(on: request.db).filter(\.$planID == artifact.id!).sort(\.$position).all(),
            rvtm: try await RVTM.build(projectID: access.projectID, filter: VerificationQueries.filter(of: plan), on: request.db),
            snapshots: try await Snapshots.trend(projectID: access.projectID, planID: artifact.id, on: request.db),
            csrfToken: request.csrfToken, form: form, errors: errors),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let form = try request.content.decode(PlanForm.self)
        do {
            try await PlanStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: form.version ?? 0, try form.draft())
            request.flash(.success, "\(artifact.key) saved.")
            return request.redirect(to: VerificationRoute.plan(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func addActivity(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        struct Form: Content { var activity_title: String?; var activity_method: String?; var activity_responsible: String?; var activity_due: String? }
        let form = try request.content.decode(Form.self)
        do {
            try await PlanStore.saveActivity(try ArtifactContext(request), planID: artifact.id!, .init(
                title: form.activity_title ?? "", method: form.activity_method ?? "test", responsible: form.activity_responsible ?? "",
                dueOn: form.activity_due ?? ""))
            request.flash(.success, "Activity added.")
            return request.redirect(to: VerificationRoute.plan(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }

    /// A row's status changed on the plan page (the other fields stay as they are).
    @Sendable static func saveActivity(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let activity = try await VerificationRequest.activity(request, planID: artifact.id!)
        struct Form: Content { var activity_status: String? }
        do {
            let status = try VerificationRequest.parse(try request.content.decode(Form.self).activity_status, VerificationActivity.Status.self,
                                                       field: "activity_status", default: activity.status)
            try await PlanStore.saveActivity(try ArtifactContext(request), planID: artifact.id!, activityID: activity.id, .init(
                title: activity.title, method: activity.method, responsible: activity.responsible, dueOn: activity.dueOn, status: status))
            request.flash(.success, "“\(activity.title)” is \(status.rawValue).")
            return request.redirect(to: VerificationRoute.plan(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }

    @Sendable static func removeActivity(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let activity = try await VerificationRequest.activity(request, planID: artifact.id!)
        try await PlanStore.removeActivity(try ArtifactContext(request), planID: artifact.id!, activityID: activity.id!)
        request.flash(.success, "“\(activity.title)” removed.")
        return request.redirect(to: VerificationRoute.plan(project: access.key, key: artifact.key).path, redirectType: .normal)
    }

    // MARK: defects

    @Sendable static func defects(_ request: Request) async throws -> Response { try await renderDefects(request) }

    static func renderDefects(_ request: Request, form: DefectForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$kind == VerificationKinds.defect.id)
            .filter(\.$deletedAt == nil).sort(\.$key).all()
        let defects = Dictionary(try await Defect.query(on: request.db).filter(\.$projectID == access.projectID).all().map { ($0.id!, $0) },
                                 uniquingKeysWith: { a, _ in a })
        var rows: [(String, String, Defect, [String])] = []
        for artifact in artifacts {
            guard let defect = defects[artifact.id!] else { continue }
            rows.append((artifact.key, artifact.title, defect, try await CaseQueries.targets(of: artifact.id!, kind: VerificationKinds.concerns.id, on: request.db)))
        }
        return request.render(DefectsPage(access: access, rows: rows, csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func createDefect(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(DefectForm.self)
        do {
            let artifact = try await DefectStore.create(try ArtifactContext(request), try form.draft(), fromResult: form.result)
            request.flash(.success, "\(artifact.key) reported.")
            return request.redirect(to: VerificationRoute.defect(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderDefects(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func defect(_ request: Request) async throws -> Response { try await renderDefect(request) }

    static func renderDefect(_ request: Request, form: DefectForm? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.defect)
        guard let defect = try await Defect.find(artifact.id, on: request.db) else { throw Abort(.notFound) }
        let links = try await DefectResult.query(on: request.db).filter(\.$defectID == artifact.id!).all()
        let results = try await TestResult.query(on: request.db).filter(\.$id ~~ links.map(\.resultID)).all()
        let runs = Dictionary(try await TestRun.query(on: request.db).filter(\.$id ~~ results.map(\.runID)).all().map { ($0.id!, $0.number) },
                              uniquingKeysWith: { a, _ in a })
        let cases = Dictionary(try await Artifact.query(on: request.db).filter(\.$id ~~ results.compactMap(\.caseID)).all().map { ($0.id!, $0.key) },
                               uniquingKeysWith: { a, _ in a })
        return request.render(DefectPage(
            access: access, artifact: artifact, defect: defect,
            concerns: try await CaseQueries.targets(of: artifact.id!, kind: VerificationKinds.concerns.id, on: request.db),
            results: results.map { (runs[$0.runID] ?? 0, $0.caseID.flatMap { cases[$0] } ?? $0.testName, $0.outcome) },
            csrfToken: request.csrfToken, form: form, errors: errors),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func saveDefect(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.defect)
        let form = try request.content.decode(DefectForm.self)
        do {
            try await DefectStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: form.version ?? 0, try form.draft())
            request.flash(.success, "\(artifact.key) saved.")
            return request.redirect(to: VerificationRoute.defect(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderDefect(request, form: form, errors: invalid.errors)
        }
    }
}
