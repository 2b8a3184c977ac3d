import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Tables of later modules whose rows name a system element in a column of their own (an interface's two ends),
/// registered by those modules: an element they still name cannot be deleted, and the refusal says by what.
public enum ElementReferences {
    public struct Referrer: Sendable, Equatable {
        public let table: String
        public let column: String
        /// What one row is, for the refusal: "interface".
        public let noun: String
    }

    private static let referrers = NIOLockedValueBox<[Referrer]>([])

    /// Adds a referring table and column (once: every app in a test process registers again).
    public static func register(table: String, column: String, noun: String) {
        let referrer = Referrer(table: table, column: column, noun: noun)
        referrers.withLockedValue { if !$0.contains(referrer) { $0.append(referrer) } }
    }

    /// How many rows of each registered kind name `id`, e.g. ["interface": 3]; rows already counted by another
    /// column of the same table (an interface from the element to itself) count once.
    static func uses(of id: UUID, on db: any Database) async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var tables: [String: [Referrer]] = [:]
        for referrer in referrers.withLockedValue({ $0 }) { tables[referrer.table, default: []].append(referrer) }
        var uses: [String: Int] = [:]
        for (table, columns) in tables {
            let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(SQLIdentifier(table))
                .where { group in
                    for referrer in columns { group.orWhere(SQLIdentifier(referrer.column), .equal, SQLBind(id)) }
                    return group
                }.first()
            let count = try row?.decode(column: "n", as: Int.self) ?? 0
            if count > 0 { uses[columns[0].noun, default: 0] += count }
        }
        return uses
    }
}
