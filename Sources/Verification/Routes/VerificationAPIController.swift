import Artifacts
import Fluent
import Foundation
import Governance
import Platform
import Vapor

/// The JSON API of cases, plans, sets and defects: thin handlers over the stores and `CaseQueries`.
enum VerificationAPIController {
    struct Items<T: Content>: Content { var items: [T] }

    // MARK: cases

    static func caseDTO(_ artifact: Artifact, _ request: Request) async throws -> CaseDTOs.CaseDTO {
        let detail = try await CaseQueries.testCase(artifact, on: request.db)
        return .init(artifact, detail.row, verifies: detail.verifies.map(\.key))
    }

    /// Every case in four reads (cases, their artifacts, `verifies` links, requirement keys), not five per case.
    @Sendable static func listCases(_ request: Request) async throws -> Items<CaseDTOs.CaseDTO> {
        let access = try request.requireProject()
        let rows = Dictionary(try await TestCase.query(on: request.db).filter(\.$projectID == access.projectID).all().map { ($0.id!, $0) },
                              uniquingKeysWith: { a, _ in a })
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID)
            .filter(\.$kind == VerificationKinds.testCase.id).filter(\.$deletedAt == nil).sort(\.$key).all()
        let verifies = try await VerificationQueries.verifies(projectID: access.projectID, on: request.db)
        let requirementKeys = Dictionary(try await VerificationQueries.requirementIDs(projectID: access.projectID, on: request.db).map { ($1, $0) },
                                         uniquingKeysWith: { a, _ in a })
        return Items(items: artifacts.compactMap { artifact in
            rows[artifact.id!].map { .init(artifact, $0, verifies: (verifies[artifact.id!] ?? []).compactMap { requirementKeys[$0] }.sorted()) }
        })
    }

    @Sendable static func showCase(_ request: Request) async throws -> CaseDTOs.CaseDTO {
        try await caseDTO(try await VerificationRequest.artifact(request, kind: VerificationKinds.testCase), request)
    }

    @Sendable static func createCase(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseDTOs.CaseInput.self)
        let artifact = try await CaseStore.create(try ArtifactContext(request), draft: try input.draft(), key: input.key)
        return try await caseDTO(artifact, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updateCase(_ request: Request) async throws -> CaseDTOs.CaseDTO {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testCase)
        let input = try request.content.decode(CaseDTOs.CaseInput.self)
        let saved = try await CaseStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: try version(input.version),
                                               draft: try input.draft())
        return try await caseDTO(saved, request)
    }

    @Sendable static func deleteCase(_ request: Request) async throws -> HTTPStatus {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testCase)
        try await CaseStore.delete(try ArtifactContext(request), id: artifact.id!, expectedVersion: try version(request.query[Int.self, at: "version"]))
        return .noContent
    }

    static func version(_ given: Int?) throws -> Int {
        guard let given else { throw FieldsInvalid(field: "version", "send the version you edited, so a concurrent change is not overwritten") }
        return given
    }

    // MARK: plans

    static func planDTO(_ artifact: Artifact, _ request: Request) async throws -> CaseDTOs.PlanDTO {
        let access = try request.requireProject()
        let plan = try await PlanStore.find(artifact.id!, try ArtifactContext(request), on: request.db)
        let activities = try await VerificationActivity.query(on: request.db).filter(\.$planID == artifact.id!).sort(\.$position).all()
        let phase = try await plan.phaseID.asyncMap { try await Phase.find($0, on: request.db)?.name } ?? nil
        let rvtm = try await RVTM.build(projectID: access.projectID, filter: VerificationQueries.filter(of: plan), on: request.db)
        return .init(key: artifact.key, title: artifact.title, version: artifact.version, status: plan.status.rawValue, phase: phase ?? "",
                     modules: plan.modulePrefixes, query: plan.scopeQuery, description: plan.description,
                     activities: activities.map { .init(id: $0.id!, title: $0.title, method: $0.method, responsible: $0.responsible, dueOn: $0.dueOn,
                                                        status: $0.status.rawValue) },
                     coverage: Dictionary(uniqueKeysWithValues: VerificationStatus.Coverage.allCases.map { ($0.rawValue, rvtm.count($0)) }))
    }

    @Sendable static func listPlans(_ request: Request) async throws -> Items<CaseDTOs.PlanDTO> {
        let access = try request.requireProject()
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$kind == VerificationKinds.plan.id)
            .filter(\.$deletedAt == nil).sort(\.$key).all()
        var items: [CaseDTOs.PlanDTO] = []
        for artifact in artifacts { items.append(try await planDTO(artifact, request)) }
        return Items(items: items)
    }

    @Sendable static func showPlan(_ request: Request) async throws -> CaseDTOs.PlanDTO {
        try await planDTO(try await VerificationRequest.artifact(request, kind: VerificationKinds.plan), request)
    }

    @Sendable static func createPlan(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseDTOs.PlanInput.self)
        let artifact = try await PlanStore.create(try ArtifactContext(request), try input.draft())
        return try await planDTO(artifact, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updatePlan(_ request: Request) async throws -> CaseDTOs.PlanDTO {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let input = try request.content.decode(CaseDTOs.PlanInput.self)
        let saved = try await PlanStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: try version(input.version), try input.draft())
        return try await planDTO(saved, request)
    }

    @Sendable static func addActivity(_ request: Request) async throws -> Response {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let input = try request.content.decode(CaseDTOs.ActivityInput.self)
        try await PlanStore.saveActivity(try ArtifactContext(request), planID: artifact.id!, try input.draft())
        return try await planDTO(artifact, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func updateActivity(_ request: Request) async throws -> CaseDTOs.PlanDTO {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let activity = try await VerificationRequest.activity(request, planID: artifact.id!)
        let input = try request.content.decode(CaseDTOs.ActivityInput.self)
        try await PlanStore.saveActivity(try ArtifactContext(request), planID: artifact.id!, activityID: activity.id, try input.draft())
        return try await planDTO(artifact, request)
    }

    @Sendable static func deleteActivity(_ request: Request) async throws -> HTTPStatus {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.plan)
        let activity = try await VerificationRequest.activity(request, planID: artifact.id!)
        try await PlanStore.removeActivity(try ArtifactContext(request), planID: artifact.id!, activityID: activity.id!)
        return .noContent
    }

    // MARK: sets

    static func setDTO(_ artifact: Artifact, _ request: Request) async throws -> CaseDTOs.SetDTO {
        guard let set = try await TestSet.find(artifact.id!, on: request.db) else { throw Abort(.notFound) }
        return .init(artifact, set, cases: try await SetStore.members(of: artifact.id!, on: request.db).map(\.key))
    }

    /// Every set in three reads (artifacts, sets, members with their case keys), not three per set.
    @Sendable static func listSets(_ request: Request) async throws -> Items<CaseDTOs.SetDTO> {
        let access = try request.requireProject()
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$kind == VerificationKinds.testSet.id)
            .filter(\.$deletedAt == nil).sort(\.$key).all()
        let sets = Dictionary(try await TestSet.query(on: request.db).filter(\.$projectID == access.projectID).all().map { ($0.id!, $0) },
                              uniquingKeysWith: { a, _ in a })
        let members = try await VerificationQueries.setMemberKeys(projectID: access.projectID, on: request.db)
        return Items(items: artifacts.compactMap { artifact in sets[artifact.id!].map { .init(artifact, $0, cases: members[artifact.id!] ?? []) } })
    }

    @Sendable static func createSet(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseDTOs.SetInput.self)
        let artifact = try await SetStore.create(try ArtifactContext(request), input.draft())
        return try await setDTO(artifact, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func showSet(_ request: Request) async throws -> CaseDTOs.SetDTO {
        try await setDTO(try await VerificationRequest.artifact(request, kind: VerificationKinds.testSet), request)
    }

    @Sendable static func updateSet(_ request: Request) async throws -> CaseDTOs.SetDTO {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testSet)
        let input = try request.content.decode(CaseDTOs.SetInput.self)
        return try await setDTO(try await SetStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: try version(input.version),
                                                          input.draft()), request)
    }

    // MARK: defects

    static func defectDTO(_ artifact: Artifact, _ request: Request) async throws -> RunDTOs.DefectDTO {
        guard let defect = try await Defect.find(artifact.id!, on: request.db) else { throw Abort(.notFound) }
        return .init(artifact, defect, concerns: try await CaseQueries.targets(of: artifact.id!, kind: VerificationKinds.concerns.id, on: request.db))
    }

    /// Every defect in three reads (artifacts, defects, `concerns` links with their targets' keys), not three per defect.
    @Sendable static func listDefects(_ request: Request) async throws -> Items<RunDTOs.DefectDTO> {
        let access = try request.requireProject()
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$kind == VerificationKinds.defect.id)
            .filter(\.$deletedAt == nil).sort(\.$key).all()
        let defects = Dictionary(try await Defect.query(on: request.db).filter(\.$projectID == access.projectID).all().map { ($0.id!, $0) },
                                 uniquingKeysWith: { a, _ in a })
        let concerns = try await VerificationQueries.linkedKeys(projectID: access.projectID, kind: VerificationKinds.concerns.id, on: request.db)
        return Items(items: artifacts.compactMap { artifact in defects[artifact.id!].map { .init(artifact, $0, concerns: concerns[artifact.id!] ?? []) } })
    }

    @Sendable static func createDefect(_ request: Request) async throws -> Response {
        let input = try request.content.decode(RunDTOs.DefectInput.self)
        let artifact = try await DefectStore.create(try ArtifactContext(request), try input.draft(), fromResult: input.result)
        return try await defectDTO(artifact, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func showDefect(_ request: Request) async throws -> RunDTOs.DefectDTO {
        try await defectDTO(try await VerificationRequest.artifact(request, kind: VerificationKinds.defect), request)
    }

    @Sendable static func updateDefect(_ request: Request) async throws -> RunDTOs.DefectDTO {
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.defect)
        let input = try request.content.decode(RunDTOs.DefectInput.self)
        let saved = try await DefectStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: try version(input.version), try input.draft())
        if let result = input.result { try await DefectStore.addResult(try ArtifactContext(request), defectID: artifact.id!, resultID: result) }
        return try await defectDTO(saved, request)
    }
}
