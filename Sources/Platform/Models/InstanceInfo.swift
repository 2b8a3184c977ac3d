import Fluent
import Foundation

/// The one row describing this installation: its identity and when and with which version it was set up.
public final class InstanceInfo: Model, @unchecked Sendable {
    public static let schema = "sesa_instance"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    @Field(key: "installed_at") public var installedAt: Date
    @Field(key: "installed_version") public var installedVersion: String

    public init() {}

    public init(id: UUID = UUID(), installedAt: Date, installedVersion: String) {
        self.id = id
        self.installedAt = installedAt
        self.installedVersion = installedVersion
    }
}

extension InstanceInfo {
    public static func current(on database: any Database) async throws -> InstanceInfo? {
        try await InstanceInfo.query(on: database).first()
    }
}
