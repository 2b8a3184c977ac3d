import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// The tables that point at blobs, registered by the modules that own them. Content is stored once per project
/// (`BlobStore.put`), so one blob can back a ReqIFZ attachment and an evidence file at the same time: a blob may
/// be deleted only when no registered table names it any more. The foreign keys to `blobs` stay as the last
/// guard — a blob some unregistered table still uses cannot be deleted by mistake.
public enum BlobReferences {
    public struct Referrer: Sendable, Equatable {
        public let table: String
        public let column: String

        public init(table: String, column: String) {
            self.table = table
            self.column = column
        }
    }

    private static let referrers = NIOLockedValueBox<[Referrer]>([])

    /// Adds a referring table and column (once: every app in a test process registers again).
    public static func register(table: String, column: String) {
        let referrer = Referrer(table: table, column: column)
        referrers.withLockedValue { if !$0.contains(referrer) { $0.append(referrer) } }
    }

    public static var all: [Referrer] { referrers.withLockedValue { $0 } }

    /// Deletes those of `ids` that no registered table refers to, in the caller's transaction; returns how many.
    /// Called where a reference is dropped or replaced, so replaced content does not pile up unseen.
    @discardableResult
    public static func deleteUnreferenced(_ ids: [UUID], on db: any Database) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        guard let sql = db as? any SQLDatabase else { return 0 }
        var deleted = 0
        for id in Set(ids) {
            var referenced = false
            for referrer in all {
                let column = SQLIdentifier(referrer.column)
                let rows = try await sql.select().column(column).from(SQLIdentifier(referrer.table))
                    .where(column, .equal, SQLBind(id)).limit(1).all()
                if !rows.isEmpty {
                    referenced = true
                    break
                }
            }
            guard !referenced else { continue }
            try await Blob.query(on: db).filter(\.$id == id).delete()
            deleted += 1
        }
        return deleted
    }
}
