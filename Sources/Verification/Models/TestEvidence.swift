import Fluent
import Foundation

/// A file kept as evidence: of one result, or (no result) of the whole run, like the CI report itself. The bytes
/// are a blob (SHA-256, size-limited, sniffed) and go out only to members, as attachments.
public final class TestEvidence: Model, @unchecked Sendable {
    public static let schema = "test_evidence"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "run_id") public var runID: UUID
    @OptionalField(key: "result_id") public var resultID: UUID?
    @Field(key: "blob_id") public var blobID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "uploaded_at") public var uploadedAt: Date
    @Field(key: "uploaded_by") public var uploadedBy: String

    public init() {}
}
