import Fluent
import Foundation

/// Creates `sesa_instance` and records the installation (id, time, version) in its single row.
struct CreateInstanceInfo: AsyncMigration {
    var name: String { "Platform.CreateInstanceInfo" }

    func prepare(on database: any Database) async throws {
        try await database.schema(InstanceInfo.schema)
            .id()
            .field("installed_at", .datetime, .required)
            .field("installed_version", .string, .required)
            .create()
        try await InstanceInfo(installedAt: Date(), installedVersion: SesaVersion.current).create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InstanceInfo.schema).delete()
    }
}
