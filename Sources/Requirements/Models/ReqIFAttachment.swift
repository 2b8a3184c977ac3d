import Fluent
import Foundation

/// A file that came with a module in a ReqIFZ archive, by its path in the archive; the content is a `Blob`.
/// Exporting the module as ReqIFZ writes it back under the same path.
public final class ReqIFAttachment: Model, @unchecked Sendable {
    public static let schema = "reqif_attachments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "module_id") public var moduleID: UUID
    @Field(key: "path") public var path: String
    @Field(key: "blob_id") public var blobID: UUID
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    init(projectID: UUID, moduleID: UUID, path: String, blobID: UUID, at now: Date) {
        self.id = UUID()
        self.projectID = projectID
        self.moduleID = moduleID
        self.path = path
        self.blobID = blobID
        self.updatedAt = now
    }
}
