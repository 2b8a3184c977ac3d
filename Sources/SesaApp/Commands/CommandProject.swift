import Fluent
import Foundation
import Platform
import Vapor

/// What `sesa import` and `sesa export` check first: an up-to-date schema and the project named by `--project`.
enum CommandProject {
    static func resolve(_ given: String?, app: Application, console: any Console) async throws -> (key: String, id: UUID) {
        guard try await app.migrationStatus().isUpToDate else {
            console.error("The database schema is not up to date. Run `sesa migrate` first.")
            throw CommandExit(code: 1)
        }
        guard let key = given?.uppercased(), let project = try await Project.query(on: app.db).filter(\.$key == key).first(),
            let id = project.id
        else {
            console.error("--project: there is no project '\(given ?? "")'; give the key of an existing project.")
            throw CommandExit(code: 2)
        }
        return (key, id)
    }
}
