import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Columns of later modules that name a row of an earlier module (an interface's ends name elements; an
/// element names its owner organisation), registered by those modules at start-up: the earlier module cannot
/// import them, yet must refuse to delete a row that is still named, and say by what.
public final class ColumnReferences: Sendable {
    public struct Referrer: Sendable, Equatable {
        public let table: String
        public let column: String
        /// What one row is, for the refusal: "interface".
        public let noun: String
    }

    private let referrers = NIOLockedValueBox<[Referrer]>([])

    public init() {}

    /// Adds a referring table and column (once: every app in a test process registers again).
    public func register(table: String, column: String, noun: String) {
        let referrer = Referrer(table: table, column: column, noun: noun)
        referrers.withLockedValue { if !$0.contains(referrer) { $0.append(referrer) } }
    }

    /// How many rows of each registered kind name `id`, e.g. ["interface": 3]; a row that names it in two
    /// columns of the same table (an interface from an element to itself) counts once.
    public func uses(of id: UUID, on db: any Database) async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var tables: [String: [Referrer]] = [:]
        for referrer in referrers.withLockedValue({ $0 }) { tables[referrer.table, default: []].append(referrer) }
        var uses: [String: Int] = [:]
        for (table, columns) in tables.sorted(by: { $0.key < $1.key }) {
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

    /// "3 interfaces and 1 design package", for a refusal; nil when nothing names the row.
    public func describeUses(of id: UUID, on db: any Database) async throws -> String? {
        let uses = try await uses(of: id, on: db)
        guard !uses.isEmpty else { return nil }
        return uses.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\($0.value == 1 ? "" : "s")" }
            .joined(separator: " and ")
    }
}
