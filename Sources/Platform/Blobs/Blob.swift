import Fluent
import Foundation

/// File content kept in the database (so every `sesa serve` and `sesa worker` sees it, and a backup holds it),
/// addressed by SHA-256 within a project: the same bytes are stored once however often they arrive.
public final class Blob: Model, @unchecked Sendable {
    public static let schema = "blobs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    /// Lower-case hex SHA-256 of `content`.
    @Field(key: "sha256") public var sha256: String
    @Field(key: "size") public var size: Int
    /// Sniffed from the bytes (`BlobStore.sniff`), never taken from a client.
    @Field(key: "content_type") public var contentType: String
    @Field(key: "content") public var content: Data
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(projectID: UUID, sha256: String, content: Data, contentType: String, at now: Date) {
        self.id = UUID()
        self.projectID = projectID
        self.sha256 = sha256
        self.size = content.count
        self.contentType = contentType
        self.content = content
        self.createdAt = now
    }
}
