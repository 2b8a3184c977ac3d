import Artifacts
import Fluent
import Foundation
import Interchange
import Platform
import Vapor

/// The JSON API of runs, results, evidence and CI uploads.
enum RunsAPIController {
    struct Items: Content { var items: [RunDTOs.RunDTO] }

    static func dto(_ run: TestRun, _ request: Request) async throws -> RunDTOs.RunDTO {
        let access = try request.requireProject()
        return RunDTOs.RunDTO(try await RunQueries.detail(run, on: request.db), project: access.key)
    }

    @Sendable static func list(_ request: Request) async throws -> Items {
        let access = try request.requireProject()
        var items: [RunDTOs.RunDTO] = []
        for run in try await RunQueries.runs(projectID: access.projectID, on: request.db).prefix(200) { items.append(try await dto(run, request)) }
        return Items(items: items)
    }

    @Sendable static func show(_ request: Request) async throws -> RunDTOs.RunDTO { try await dto(try await VerificationRequest.run(request), request) }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let input = try request.content.decode(RunDTOs.RunInput.self)
        let run = try await RunStore.create(try ArtifactContext(request), input.draft)
        return try await dto(run, request).encodeResponse(status: .created, for: request)
    }

    @Sendable static func record(_ request: Request) async throws -> RunDTOs.RunDTO {
        let run = try await VerificationRequest.run(request)
        let input = try request.content.decode(RunDTOs.ResultsInput.self)
        try await RunStore.record(try ArtifactContext(request), runID: run.id!, try input.drafts())
        return try await dto(run, request)
    }

    @Sendable static func close(_ request: Request) async throws -> RunDTOs.RunDTO {
        let run = try await VerificationRequest.run(request)
        try await RunStore.close(try ArtifactContext(request), runID: run.id!)
        return try await dto(try await VerificationRequest.run(request), request)
    }

    /// The body is the file; `?name=` its name, `?result=` the result it is evidence of (else the whole run).
    @Sendable static func attach(_ request: Request) async throws -> Response {
        let run = try await VerificationRequest.run(request)
        let data = request.body.data.map { Data(buffer: $0) } ?? Data()
        try await RunStore.attach(try ArtifactContext(request), runID: run.id!, resultID: request.query[UUID.self, at: "result"],
                                  name: request.query[String.self, at: "name"] ?? "evidence", content: data)
        return try await dto(run, request).encodeResponse(status: .created, for: request)
    }

    /// An evidence file, to members only and always as a download: its content came from outside, so it is never
    /// rendered in SESA's origin.
    @Sendable static func download(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let run = try await VerificationRequest.run(request)
        guard let id = request.parameters.get("evidenceID", as: UUID.self),
              let (file, blob) = try await RunQueries.evidence(id, runID: run.id!, projectID: access.projectID, on: request.db)
        else { throw Abort(.notFound, reason: "\(run.name) has no such evidence file.") }
        let response = SheetFile.attachment(blob.content, type: blob.contentType, file: file.name)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Digest", value: "sha-256=" + Data(hex: blob.sha256).base64EncodedString())
        return response
    }

    /// `GET …/runs/{n}/report?format=csv|xlsx`.
    @Sendable static func report(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let run = try await VerificationRequest.run(request)
        let format = request.query[String.self, at: "format"] ?? (request.url.path.hasSuffix(".xlsx") ? "xlsx" : "csv")
        return try SheetFile.download(VerificationReports.run(try await RunQueries.detail(run, on: request.db)), format: format,
                                      name: "\(access.key)-\(run.name)", sheet: run.name)
    }

    // MARK: CI

    struct UploadForm: Content {
        var file: File?
        var files: [File]?
        var title: String?
        var build: String?
        var environment: String?
        var commit: String?
    }

    /// `POST …/results/junit`: the report as the body (metadata in the query), or multipart with one or more files
    /// (`file`, `files[]`) and the metadata as fields. 202 with the run, the job and the unmatched tests.
    @Sendable static func junit(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        var files: [(name: String, data: Data)] = []
        var metadata = JUnitIngest.Metadata(title: request.query[String.self, at: "title"] ?? "", build: request.query[String.self, at: "build"] ?? "",
                                            environment: request.query[String.self, at: "environment"] ?? "",
                                            commit: request.query[String.self, at: "commit"] ?? "")
        if request.headers.contentType?.type == "multipart" {
            let form = try request.content.decode(UploadForm.self)
            for file in [form.file].compactMap({ $0 }) + (form.files ?? []) where file.data.readableBytes > 0 {
                files.append((file.filename.isEmpty ? "report.xml" : file.filename, Data(buffer: file.data)))
            }
            metadata = .init(title: form.title ?? metadata.title, build: form.build ?? metadata.build,
                             environment: form.environment ?? metadata.environment, commit: form.commit ?? metadata.commit)
        } else if let body = request.body.data, body.readableBytes > 0 {
            files.append((request.query[String.self, at: "file"] ?? "report.xml", Data(buffer: body)))
        }
        let accepted = try await JUnitIngest.accept(try ArtifactContext(request), files: files, metadata: metadata)
        let dto = RunDTOs.JUnitAcceptedDTO(
            run: accepted.run.name, runURL: "/api/v1/projects/\(PathSegment.encode(access.key))/runs/\(accepted.run.number)",
            job: accepted.job.uuidString.lowercased(), url: "/api/v1/jobs/\(accepted.job.uuidString.lowercased())", tests: accepted.tests,
            passed: accepted.counts[.passed] ?? 0, failed: accepted.counts[.failed] ?? 0, errors: accepted.counts[.error] ?? 0,
            skipped: accepted.counts[.skipped] ?? 0, unmatched: accepted.unmatched)
        return try await dto.encodeResponse(status: .accepted, for: request)
    }
}

extension Data {
    /// Bytes from hex text (a SHA-256 as stored); invalid pairs are skipped.
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            if let byte = UInt8(hex[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        self.init(bytes)
    }
}
