import Fluent
import Foundation

/// One row of the append-only audit trail. Each row carries the SHA-256 of the previous row, so an edited or
/// deleted row breaks the chain (`sesa audit verify`).
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    // managed fields
    @ID(custom: "seq", generatedBy: .user) public var id: Int64?

    // data fields
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_label") public var actorLabel: String
    @Field(key: "action") public var action: String
    @Field(key: "object_kind") public var objectKind: String
    @OptionalField(key: "object_id") public var objectID: String?
    @OptionalField(key: "object_key") public var objectKey: String?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @Field(key: "details") public var details: String
    @OptionalField(key: "request_id") public var requestID: String?
    @OptionalField(key: "ip") public var ip: String?
    @Field(key: "prev_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    /// The row's hash: SHA-256 over the previous hash and every field, as a JSON array (unambiguous quoting).
    /// Time enters as whole milliseconds, the precision both databases keep exactly.
    func computeHash() -> String {
        let fields: [String] = [
            "sesa.audit.v1", previousHash, String(id ?? 0), String(Self.milliseconds(at)),
            actorID?.uuidString.lowercased() ?? "", actorLabel, action, objectKind, objectID ?? "", objectKey ?? "",
            projectID?.uuidString.lowercased() ?? "", details, requestID ?? "", ip ?? "",
        ]
        let data = (try? JSONEncoder().encode(fields)) ?? Data()
        return SecretToken.hash(bytes: data)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// The head of the chain: one row holding the last sequence number and hash. Every writer updates it first,
/// which serialises audit writes on both databases (a row lock on PostgreSQL, the write lock on SQLite), so
/// the chain never forks.
final class AuditChainHead: Model, @unchecked Sendable {
    static let schema = "audit_chain_head"
    static let genesisHash = String(repeating: "0", count: 64)

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "last_seq") var lastSequence: Int64
    @Field(key: "last_hash") var lastHash: String

    init() {}
}
