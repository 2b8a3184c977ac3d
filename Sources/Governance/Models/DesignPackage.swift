import Fluent
import Foundation

/// A design package: a bounded piece of the design an organisation delivers in a phase (its elements and
/// interfaces are linked to it with `in-package`). The columns the lists and reports read without opening the
/// artifact's version row; written only by `DesignPackageStore`, in the version's transaction.
public final class DesignPackage: Model, @unchecked Sendable {
    public static let schema = "design_packages"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case draft, issued, closed
    }

    /// The artifact's id.
    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @OptionalField(key: "owner_org_id") public var ownerOrgID: UUID?
    @OptionalField(key: "phase_id") public var phaseID: UUID?
    @Enum(key: "status") public var status: Status
    @Field(key: "description") public var description: String

    public init() {}
}
