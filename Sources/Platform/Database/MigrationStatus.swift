import Fluent
import SQLKit
import Vapor

/// Which registered migrations are applied, read without writing: unlike Fluent's `Migrator` preview, this
/// never creates `_fluent_migrations`, so a readiness probe cannot change the database it is probing.
public struct MigrationStatus: Sendable, Equatable {
    public let applied: [String]
    public let pending: [String]

    public var isUpToDate: Bool { pending.isEmpty }

    public static func read(on database: any SQLDatabase, registered: [String]) async throws -> MigrationStatus {
        let applied: Set<String>
        do {
            let rows = try await database.select().column("name").from("_fluent_migrations").all()
            applied = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        } catch {
            // The table is missing on a brand-new database. Any other failure (connection) resurfaces here.
            try await database.raw("SELECT 1").run()
            applied = []
        }
        return MigrationStatus(
            applied: registered.filter { applied.contains($0) },
            pending: registered.filter { !applied.contains($0) })
    }
}

extension Application {
    private struct MigrationNamesKey: StorageKey { typealias Value = [String] }

    /// Registers SESA's ordered migration list with Fluent and remembers the names (Fluent keeps its list
    /// private) so status checks know what "up to date" means.
    public func register(migrations list: [any Migration]) {
        migrations.add(list)
        storage[MigrationNamesKey.self] = registeredMigrationNames + list.map(\.name)
    }

    /// Names of every migration registered on this app, in order.
    public var registeredMigrationNames: [String] { storage[MigrationNamesKey.self] ?? [] }

    public func migrationStatus() async throws -> MigrationStatus {
        try await MigrationStatus.read(on: sql, registered: registeredMigrationNames)
    }
}
