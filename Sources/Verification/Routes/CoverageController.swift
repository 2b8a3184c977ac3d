import Artifacts
import Fluent
import Foundation
import Platform
import Vapor

/// The RVTM page, the coverage dashboard, snapshots and the CI name patterns.
enum CoverageController {
    @Sendable static func rvtm(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let filter = try VerificationRequest.filter(request)
        if let format = request.query[String.self, at: "format"], ["csv", "xlsx"].contains(format) {
            return try await CoverageAPIController.rvtm(request)
        }
        let rvtm = try await RVTM.build(projectID: access.projectID, filter: filter, on: request.db)
        return request.render(RVTMPage(access: access, rvtm: rvtm, filter: filter,
                                       modules: try await VerificationQueries.modulePrefixes(projectID: access.projectID, on: request.db),
                                       runNumbers: try await CoverageAPIController.runNumbers(access.projectID, on: request.db),
                                       page: max(1, request.query[Int.self, at: "page"] ?? 1)))
    }

    @Sendable static func coverage(_ request: Request) async throws -> Response { try await render(request) }

    static func render(_ request: Request, mappingsText: String? = nil, errors: [ProblemDetails.FieldError] = []) async throws -> Response {
        let access = try request.requireProject()
        return request.render(CoveragePage(
            access: access, report: try await CoverageReport.load(projectID: access.projectID, on: request.db),
            trend: try await Snapshots.trend(projectID: access.projectID, on: request.db),
            mappings: try await MappingStore.all(projectID: access.projectID, on: request.db), csrfToken: request.csrfToken,
            mappingsText: mappingsText, errors: errors),
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func takeSnapshot(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content { var name: String?; var plan: String? }
        let form = try request.content.decode(Form.self)
        var planID: UUID?
        if let key = form.plan, !key.isEmpty {
            planID = try await VerificationQueries.live(key: key, kind: VerificationKinds.plan.id, projectID: access.projectID, on: request.db)?.id
        }
        do {
            let snapshot = try await Snapshots.take(try ArtifactContext(request), name: form.name ?? "", planID: planID)
            request.flash(.success, "Snapshot “\(snapshot.name)” taken.")
            return request.redirect(to: VerificationRoute.snapshot(project: access.key, id: snapshot.id!).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            if let key = form.plan, !key.isEmpty {
                request.parameters.set(VerificationRequest.keyParameter, to: key)
                return try await PlansController.render(request, errors: invalid.errors)
            }
            return try await render(request, errors: invalid.errors)
        }
    }

    /// One snapshot, or (`?from=`) the changes from an older one to it.
    @Sendable static func snapshot(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let id = request.parameters.get("snapshotID", as: UUID.self),
              let snapshot = try await CoverageSnapshot.query(on: request.db).filter(\.$id == id).filter(\.$projectID == access.projectID).first()
        else { throw Abort(.notFound, reason: "There is no such coverage snapshot in \(access.key).") }
        var older: CoverageSnapshot?
        var changes: [Snapshots.Change] = []
        if let from = request.query[UUID.self, at: "from"] {
            older = try await CoverageSnapshot.query(on: request.db).filter(\.$id == from).filter(\.$projectID == access.projectID).first()
            changes = try await Snapshots.compare(from, id, projectID: access.projectID, on: request.db)
        }
        let rows = older == nil ? try await CoverageSnapshotRow.query(on: request.db).filter(\.$snapshotID == id).sort(\.$module).sort(\.$requirementKey).all() : []
        return request.render(SnapshotPage(access: access, snapshot: snapshot, rows: rows, older: older, changes: changes))
    }

    @Sendable static func compare(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        guard let from = request.query[UUID.self, at: "from"], let to = request.query[UUID.self, at: "to"] else {
            return request.redirect(to: VerificationRoute.coverage(project: access.key).path, redirectType: .normal)
        }
        return request.redirect(to: VerificationRoute.snapshot(project: access.key, id: to).path + "?from=" + from.uuidString.lowercased(),
                                redirectType: .normal)
    }

    @Sendable static func saveMappings(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        struct Form: Content { var mappings: String? }
        let text = try request.content.decode(Form.self).mappings ?? ""
        do {
            var entries: [(pattern: String, caseKey: String)] = []
            for (index, line) in text.components(separatedBy: .newlines).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let arrow = line.range(of: "=>") else {
                    throw FieldsInvalid(field: "mappings", "line \(index + 1): write pattern => case key")
                }
                entries.append((String(line[..<arrow.lowerBound]), String(line[arrow.upperBound...])))
            }
            try await MappingStore.replace(try ArtifactContext(request), entries)
            request.flash(.success, "CI name patterns saved.")
            return request.redirect(to: VerificationRoute.coverage(project: access.key).path, redirectType: .normal)
        } catch let invalid as FieldsInvalid {
            return try await render(request, mappingsText: text, errors: invalid.errors)
        }
    }
}
