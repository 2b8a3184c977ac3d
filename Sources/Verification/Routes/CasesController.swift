import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The case and set pages. Handlers are thin: read the form, call the store, redirect; on a refusal re-render the
/// page with the errors (422).
enum CasesController {
    @Sendable static func list(_ request: Request) async throws -> Response { try await renderList(request) }

    static func renderList(_ request: Request, form: CaseForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let rows = try await VerificationQueries.cases(projectID: access.projectID, on: request.db)
        let links = try await VerificationQueries.verifies(projectID: access.projectID, on: request.db)
        let targets = Set(links.values.flatMap { $0 })
        let keys = Dictionary(try await Artifact.query(on: request.db).filter(\.$id ~~ Array(targets)).filter(\.$deletedAt == nil).all().map { ($0.id!, $0.key) },
                              uniquingKeysWith: { a, _ in a })
        return request.render(CasesPage(access: access, rows: rows, verifies: links.mapValues { $0.compactMap { keys[$0] }.sorted() },
                                        latest: try await VerificationQueries.latestResults(projectID: access.projectID, on: request.db),
                                        csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(CaseForm.self)
        do {
            let artifact = try await CaseStore.create(try ArtifactContext(request), draft: try form.draft())
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: VerificationRoute.testCase(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response { try await render(request) }

    static func render(_ request: Request, form: CaseForm? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testCase)
        return request.render(CasePage(access: access, detail: try await CaseQueries.testCase(artifact, on: request.db), csrfToken: request.csrfToken,
                                       form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testCase)
        let form = try request.content.decode(CaseForm.self)
        do {
            try await CaseStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: form.version ?? 0, draft: try form.draft())
            request.flash(.success, "\(artifact.key) saved.")
            return request.redirect(to: VerificationRoute.testCase(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testCase)
        struct Form: Content { var version: Int? }
        try await CaseStore.delete(try ArtifactContext(request), id: artifact.id!, expectedVersion: try request.content.decode(Form.self).version ?? 0)
        request.flash(.success, "\(artifact.key) deleted.")
        return request.redirect(to: VerificationRoute.cases(project: access.key).path, redirectType: .normal)
    }

    // MARK: sets

    @Sendable static func sets(_ request: Request) async throws -> Response { try await renderSets(request) }

    static func renderSets(_ request: Request, form: SetForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifacts = try await Artifact.query(on: request.db).filter(\.$projectID == access.projectID).filter(\.$kind == VerificationKinds.testSet.id)
            .filter(\.$deletedAt == nil).sort(\.$key).all()
        let sets = Dictionary(try await TestSet.query(on: request.db).filter(\.$projectID == access.projectID).all().map { ($0.id!, $0) },
                              uniquingKeysWith: { a, _ in a })
        let members = try await TestSetMember.query(on: request.db).filter(\.$setID ~~ artifacts.map { $0.id! }).all()
        let counts = Dictionary(grouping: members, by: \.setID).mapValues(\.count)
        let rows = artifacts.map { ($0.key, $0.title, sets[$0.id!]?.purpose ?? "", counts[$0.id!] ?? 0) }
        return request.render(SetsPage(access: access, rows: rows, csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func createSet(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(SetForm.self)
        do {
            let artifact = try await SetStore.create(try ArtifactContext(request), form.draft)
            request.flash(.success, "\(artifact.key) created.")
            return request.redirect(to: VerificationRoute.set(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderSets(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func set(_ request: Request) async throws -> Response { try await renderSet(request) }

    static func renderSet(_ request: Request, form: SetForm? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testSet)
        guard let set = try await TestSet.find(artifact.id, on: request.db) else { throw Abort(.notFound) }
        let cases = try await SetStore.members(of: artifact.id!, on: request.db).map { ($0.key, $0.title) }
        return request.render(SetPage(access: access, key: artifact.key, title: artifact.title, version: artifact.version, set: set, cases: cases,
                                      csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func saveSet(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let artifact = try await VerificationRequest.artifact(request, kind: VerificationKinds.testSet)
        let form = try request.content.decode(SetForm.self)
        do {
            try await SetStore.update(try ArtifactContext(request), id: artifact.id!, expectedVersion: form.version ?? 0, form.draft)
            request.flash(.success, "\(artifact.key) saved.")
            return request.redirect(to: VerificationRoute.set(project: access.key, key: artifact.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderSet(request, form: form, errors: invalid.errors)
        }
    }
}
