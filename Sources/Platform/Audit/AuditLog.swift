import Fluent
import Foundation
import SQLKit

/// Writes and checks the audit trail.
public enum AuditLog {
    /// Appends `event`. Inside a transaction the row commits or rolls back with the change it records; outside
    /// one it gets its own.
    public static func record(_ event: AuditEvent, by actor: AuditActor, on database: any Database, at now: Date)
        async throws
    {
        try await record([event], by: actor, on: database, at: now)
    }

    /// Appends `events` in order under one lock of the chain's head (a batch write: thousands of created artifacts).
    public static func record(_ events: [AuditEvent], by actor: AuditActor, on database: any Database, at now: Date)
        async throws
    {
        guard !events.isEmpty else { return }
        if database.inTransaction {
            try await append(events, by: actor, on: database, at: now)
        } else {
            try await database.transaction { try await append(events, by: actor, on: $0, at: now) }
        }
    }

    private static func append(_ events: [AuditEvent], by actor: AuditActor, on database: any Database, at now: Date)
        async throws
    {
        guard let sql = database as? any SQLDatabase else { fatalError("SESA runs on SQL databases only") }
        // Lock the head row first: concurrent writers queue here, so sequence numbers and hashes stay linear.
        try await sql.raw("UPDATE audit_chain_head SET last_seq = last_seq WHERE id = 1").run()
        guard let head = try await AuditChainHead.find(1, on: database) else {
            throw AuditChainError.missingHead
        }
        var entries: [AuditEntry] = []
        for event in events {
            let entry = AuditEntry()
            entry.id = head.lastSequence + 1
            entry.at = Date(timeIntervalSince1970: Double(AuditEntry.milliseconds(now)) / 1000)
            entry.actorID = actor.userID
            entry.actorLabel = String(actor.label.prefix(254))
            entry.action = event.action
            entry.objectKind = event.objectKind
            entry.objectID = event.objectID
            entry.objectKey = event.objectKey
            entry.projectID = event.projectID
            entry.details = event.detailsJSON
            entry.requestID = actor.requestID.map { String($0.prefix(64)) }
            entry.ip = actor.ip.map { String($0.prefix(64)) }
            entry.previousHash = head.lastHash
            entry.hash = entry.computeHash()
            entries.append(entry)
            head.lastSequence = entry.id ?? head.lastSequence
            head.lastHash = entry.hash
        }
        if entries.count == 1 {
            try await entries[0].create(on: database)
        } else {
            // A batch (thousands of created artifacts) in multi-row INSERTs rather than a round trip per row.
            for start in stride(from: 0, to: entries.count, by: 200) {
                let rows = sql.insert(into: AuditEntry.schema).columns(
                    "seq", "at", "actor_id", "actor_label", "action", "object_kind", "object_id", "object_key", "project_id", "details",
                    "request_id", "ip", "prev_hash", "hash")
                for e in entries[start..<min(start + 200, entries.count)] {
                    rows.values(SQLBind(e.id!), SQLBind(e.at), SQLBind(e.actorID), SQLBind(e.actorLabel), SQLBind(e.action), SQLBind(e.objectKind),
                                SQLBind(e.objectID), SQLBind(e.objectKey), SQLBind(e.projectID), SQLBind(e.details), SQLBind(e.requestID),
                                SQLBind(e.ip), SQLBind(e.previousHash), SQLBind(e.hash))
                }
                try await rows.run()
            }
        }
        try await head.update(on: database)
    }

    /// The result of walking the chain.
    public struct Verification: Sendable, Equatable {
        public var entries: Int
        /// The first row that does not check out, and why; nil when the chain is intact.
        public var broken: (sequence: Int64, reason: String)?

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.entries == rhs.entries && lhs.broken?.sequence == rhs.broken?.sequence
                && lhs.broken?.reason == rhs.broken?.reason
        }
    }

    /// Walks every row in order, recomputing each hash; names the first row that was edited, removed or
    /// inserted out of order, and notices rows cut off the end.
    public static func verify(on database: any Database) async throws -> Verification {
        var previousHash = AuditChainHead.genesisHash
        var expected: Int64 = 1
        var count = 0
        while true {
            let page = try await AuditEntry.query(on: database).filter(\.$id >= expected).sort(\.$id)
                .limit(1000).all()
            for entry in page {
                let sequence = entry.id ?? 0
                if sequence != expected {
                    return Verification(entries: count, broken: (expected, "entry #\(expected) is missing"))
                }
                if entry.previousHash != previousHash {
                    return Verification(entries: count, broken: (sequence, "entry #\(sequence) does not follow entry #\(sequence - 1)"))
                }
                if entry.computeHash() != entry.hash {
                    return Verification(entries: count, broken: (sequence, "entry #\(sequence) was changed after it was written"))
                }
                previousHash = entry.hash
                expected += 1
                count += 1
            }
            if page.count < 1000 { break }
        }
        guard let head = try await AuditChainHead.find(1, on: database) else {
            return Verification(entries: count, broken: (expected, "the chain's head row is missing"))
        }
        if head.lastSequence != expected - 1 || head.lastHash != previousHash {
            return Verification(entries: count, broken: (
                expected, "entries after #\(expected - 1) up to #\(head.lastSequence) were removed"))
        }
        return Verification(entries: count, broken: nil)
    }
}

enum AuditChainError: Error, CustomStringConvertible {
    case missingHead
    var description: String { "The audit trail's head row is missing; run `sesa migrate`." }
}
