import Fluent
import Foundation
import Vapor

/// The audit trail pages: the whole site for administrators, one project for its leads.
enum AuditController {
    static let pageSize = 50

    struct Query: Content {
        var actor: String?
        var kind: String?
        var action: String?
        var from: String?
        var to: String?
        var before: Int64?
    }

    /// Newest first, `pageSize` at a time; `before` pages back by sequence number.
    static func query(_ query: Query, projectID: UUID?, on database: any Database) async throws
        -> (filter: AuditPage.Filter, rows: [AuditPage.Row], older: Int64?, error: String?)
    {
        var filter = AuditPage.Filter()
        var entries = AuditEntry.query(on: database)
        if let projectID { entries = entries.filter(\.$projectID == projectID) }
        if let actor = query.actor?.trimmingCharacters(in: .whitespaces).lowercased(), !actor.isEmpty {
            filter.actor = actor
            entries = entries.filter(\.$actorLabel == actor)
        }
        if let kind = query.kind?.trimmingCharacters(in: .whitespaces), !kind.isEmpty {
            filter.kind = kind
            entries = entries.filter(\.$objectKind == kind)
        }
        if let action = query.action?.trimmingCharacters(in: .whitespaces), !action.isEmpty {
            filter.action = action
            // "project" matches every project.* action; a full name matches exactly.
            entries = action.contains(".") ? entries.filter(\.$action == action) : entries.filter(\.$action =~ (action + "."))
        }
        var error: String?
        let days = DateFormatter()
        days.dateFormat = "yyyy-MM-dd"
        days.timeZone = TimeZone(identifier: "UTC")
        days.locale = Locale(identifier: "en_US_POSIX")
        if let from = query.from, !from.isEmpty {
            filter.from = from
            if let date = days.date(from: from) { entries = entries.filter(\.$at >= date) } else { error = "“From” must be a date." }
        }
        if let to = query.to, !to.isEmpty {
            filter.to = to
            if let date = days.date(from: to) {
                entries = entries.filter(\.$at < date.addingTimeInterval(86_400))
            } else { error = "“To” must be a date." }
        }
        if let before = query.before { entries = entries.filter(\.$id < before) }
        let page = try await entries.sort(\.$id, .descending).limit(pageSize + 1).all()
        var projectKeys: [UUID: String] = [:]
        let projectIDs = Set(page.compactMap(\.projectID))
        if !projectIDs.isEmpty {
            for project in try await Project.query(on: database).filter(\.$id ~~ Array(projectIDs)).all() {
                if let id = project.id { projectKeys[id] = project.key }
            }
        }
        let rows = page.prefix(pageSize).map { entry in
            AuditPage.Row(sequence: entry.id ?? 0, at: entry.at, actor: entry.actorLabel, action: entry.action,
                          kind: entry.objectKind, object: entry.objectKey ?? entry.objectID ?? "",
                          project: projectID == nil ? entry.projectID.flatMap { projectKeys[$0] } : nil,
                          details: entry.details == "{}" ? "" : entry.details, ip: entry.ip ?? "")
        }
        return (filter, Array(rows), page.count > pageSize ? rows.last?.sequence : nil, error)
    }

    @Sendable static func site(_ request: Request) async throws -> Response {
        let result = try await query(try request.query.decode(Query.self), projectID: nil, on: request.db)
        return request.render(AuditPage(
            title: "Audit trail", crumbs: [Breadcrumb("Administration", href: AdminRoute.users.path), Breadcrumb("Audit trail")],
            tabs: nil, path: AdminRoute.audit.path, filter: result.filter, rows: result.rows, olderThan: result.older,
            filterError: result.error, adminTabs: true))
    }

    @Sendable static func project(_ request: Request) async throws -> Response {
        let access = try request.requireProject()
        let result = try await query(try request.query.decode(Query.self), projectID: access.projectID, on: request.db)
        return request.render(AuditPage(
            title: "Audit trail of \(access.key)", crumbs: access.crumbs + [Breadcrumb("Audit trail")],
            tabs: ProjectTabs(access: access, current: "Audit trail"), path: ProjectRoute.audit(key: access.key).path,
            filter: result.filter, rows: result.rows, olderThan: result.older, filterError: result.error))
    }
}
