import Fluent
import Foundation

/// What a ReqIF IDENTIFIER became in SESA. The IDENTIFIER is the identity of an imported element, so a
/// re-import of the same tool's export updates in place instead of duplicating; rows without a target record
/// elements kept for export that SESA cannot hold as such (a hierarchy node or relation pointing at an object
/// the file does not contain), so counts and round trips stay exact.
public final class ReqIFIdentity: Model, @unchecked Sendable {
    public static let schema = "reqif_identities"

    public enum Role: String, Codable, Sendable, CaseIterable {
        /// A SPECIFICATION: target is the requirement module.
        case specification
        /// The module that holds spec objects no specification places; identifier "unplaced".
        case unplaced
        /// A SPEC-OBJECT: target is the section or requirement artifact.
        case object
        /// A SPEC-HIERARCHY node: target is the placed artifact (nil when its object is not in the file).
        case hierarchy
        /// A SPEC-RELATION: target is the link (nil when an end is not in the file).
        case relation
        /// An ATTRIBUTE-DEFINITION as used in one module (identifier `<specification>/<definition>`): target is
        /// the module's attribute definition.
        case attribute
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Enum(key: "role") public var role: Role
    @Field(key: "identifier") public var identifier: String
    @OptionalField(key: "target_id") public var targetID: UUID?
    /// The module the element belongs to (for objects, hierarchy nodes and attributes).
    @OptionalField(key: "module_id") public var moduleID: UUID?
    /// Role-specific detail: a relation's type name and ends, an attribute's ReqIF kind, the object a
    /// dangling hierarchy node names.
    @Field(key: "detail") public var detail: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    init(projectID: UUID, role: Role, identifier: String, targetID: UUID?, moduleID: UUID?, detail: String = "", at now: Date) {
        self.id = UUID()
        self.projectID = projectID
        self.role = role
        self.identifier = identifier
        self.targetID = targetID
        self.moduleID = moduleID
        self.detail = detail
        self.updatedAt = now
    }
}
