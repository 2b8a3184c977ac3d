import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The run pages: start a run, record results with evidence, attach files, close.
enum RunsController {
    @Sendable static func list(_ request: Request) async throws -> Response { try await renderList(request) }

    static func renderList(_ request: Request, form: RunForm = .init(), errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        return request.render(RunsPage(access: access, runs: Array(try await RunQueries.runs(projectID: access.projectID, on: request.db).prefix(500)),
                                       csrfToken: request.csrfToken, form: form, errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let form = try request.content.decode(RunForm.self)
        do {
            let run = try await RunStore.create(try ArtifactContext(request), form.draft)
            request.flash(.success, "\(run.name) started.")
            return request.redirect(to: VerificationRoute.run(project: access.key, number: run.number).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await renderList(request, form: form, errors: invalid.errors)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response { try await render(request) }

    static func render(_ request: Request, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        let run = try await VerificationRequest.run(request)
        let detail = try await RunQueries.detail(run, on: request.db)
        let all = try await VerificationQueries.cases(projectID: access.projectID, on: request.db).filter { $0.status != .retired }
        var first: [String] = []
        if let set = run.setID { first = try await SetStore.members(of: set, on: request.db).map(\.key) }
        if let single = detail.caseKey { first = [single] }
        let choices = first.compactMap { key in all.first { $0.key == key } } + all.filter { !first.contains($0.key) }
        return request.render(RunPage(access: access, detail: detail, choices: choices.map { ($0.key, $0.title) }, csrfToken: request.csrfToken,
                                      errors: errors),
                              status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    struct ResultForm: Content {
        var `case`: String?
        var outcome: String?
        var notes: String?
        var duration_ms: String?
        var file: File?
    }

    /// A result and, when a file came with it, the file as its evidence — the file is checked before anything is stored.
    @Sendable static func record(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let run = try await VerificationRequest.run(request)
        let form = try request.content.decode(ResultForm.self)
        let context = try ArtifactContext(request)
        do {
            let outcome = try VerificationRequest.parse(form.outcome, TestResult.Outcome.self, field: "outcome", default: .pass)
            let durationText = (form.duration_ms ?? "").trimmingCharacters(in: .whitespaces)
            guard durationText.isEmpty || Int(durationText) != nil else { throw FieldsInvalid(field: "duration_ms", "the duration must be whole milliseconds") }
            let file = form.file.flatMap { $0.data.readableBytes > 0 ? $0 : nil }
            if let file, file.data.readableBytes > RunStore.maxEvidenceBytes {
                throw FieldsInvalid(field: "file", "\(file.filename) is larger than \(RunStore.maxEvidenceBytes / 1_048_576) MB")
            }
            let results = try await RunStore.record(context, runID: run.id!, [.init(testCase: form.case ?? "", outcome: outcome, notes: form.notes ?? "",
                                                                                    durationMS: Int(durationText))])
            if let file, let result = results.first {
                try await RunStore.attach(context, runID: run.id!, resultID: result.id, name: file.filename, content: Data(buffer: file.data))
            }
            request.flash(.success, "\(form.case ?? "") \(outcome.label) recorded in \(run.name).")
            return request.redirect(to: VerificationRoute.run(project: access.key, number: run.number).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }

    @Sendable static func attach(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let run = try await VerificationRequest.run(request)
        struct Form: Content { var file: File? }
        do {
            guard let file = (try? request.content.decode(Form.self))?.file, file.data.readableBytes > 0 else {
                throw FieldsInvalid(field: "file", "choose a file to attach")
            }
            try await RunStore.attach(try ArtifactContext(request), runID: run.id!, resultID: request.query[UUID.self, at: "result"], name: file.filename,
                                      content: Data(buffer: file.data))
            request.flash(.success, "\(file.filename) attached.")
            return request.redirect(to: VerificationRoute.run(project: access.key, number: run.number).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }

    @Sendable static func close(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let run = try await VerificationRequest.run(request)
        do {
            try await RunStore.close(try ArtifactContext(request), runID: run.id!)
            request.flash(.success, "\(run.name) closed.")
            return request.redirect(to: VerificationRoute.run(project: access.key, number: run.number).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, errors: invalid.errors)
        }
    }
}
