import Fluent
import Foundation

/// An interface document: an IDS (interface design/requirements specification) or an ICD (interface control
/// document), by number and revision, with a status, the interfaces it covers and its files.
public final class InterfaceDocument: Model, @unchecked Sendable {
    public static let schema = "interface_documents"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case ids, icd
        public var label: String { self == .ids ? "IDS" : "ICD" }
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case draft, released, superseded
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Enum(key: "kind") public var kind: Kind
    /// The document number (`ICD-AV-001`); with the revision unique in the project.
    @Field(key: "number") public var number: String
    @Field(key: "revision") public var revision: String
    @Field(key: "title") public var title: String
    @Enum(key: "status") public var status: Status
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// An interface a document covers.
public final class InterfaceDocumentCoverage: Model, @unchecked Sendable {
    public static let schema = "interface_document_interfaces"

    @ID(key: .id) public var id: UUID?
    @Field(key: "document_id") public var documentID: UUID
    @Field(key: "interface_id") public var interfaceID: UUID

    public init() {}
}

/// A file of a document (its PDF, a spreadsheet of signals), kept as a `Blob`.
public final class InterfaceDocumentFile: Model, @unchecked Sendable {
    public static let schema = "interface_document_files"

    @ID(key: .id) public var id: UUID?
    @Field(key: "document_id") public var documentID: UUID
    @Field(key: "blob_id") public var blobID: UUID
    /// The uploaded file's name, reduced to safe characters.
    @Field(key: "name") public var name: String
    @Field(key: "size") public var size: Int
    @Field(key: "uploaded_at") public var uploadedAt: Date
    @Field(key: "uploaded_by") public var uploadedBy: String

    public init() {}
}
