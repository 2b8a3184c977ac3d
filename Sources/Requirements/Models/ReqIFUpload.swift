import Fluent
import Foundation

/// A ReqIF or ReqIFZ file waiting for its import job: kept in the database so whichever worker claims the job
/// can read it; deleted when the import succeeds.
public final class ReqIFUpload: Model, @unchecked Sendable {
    public static let schema = "reqif_uploads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "file_name") public var fileName: String
    @Field(key: "content") public var content: Data
    /// Import only the specification of this name.
    @OptionalField(key: "module") public var module: String?
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(projectID: UUID, fileName: String, content: Data, module: String?, createdBy: UUID?, at now: Date) {
        self.id = UUID()
        self.projectID = projectID
        self.fileName = String(fileName.prefix(255))
        self.content = content
        self.module = module
        self.createdBy = createdBy
        self.createdAt = now
    }
}
