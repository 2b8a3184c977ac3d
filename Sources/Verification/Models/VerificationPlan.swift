import Fluent
import Foundation

/// A verification plan (`VP-###`): what is to be verified — requirement modules and/or a requirement search —
/// in which phase, and whether the plan is approved. Mirrors the artifact's current version for lists.
public final class VerificationPlan: Model, @unchecked Sendable {
    public static let schema = "verification_plans"

    public enum Status: String, Codable, Sendable, CaseIterable { case draft, approved }

    @ID(custom: "artifact_id", generatedBy: .user) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @OptionalField(key: "phase_id") public var phaseID: UUID?
    @Enum(key: "status") public var status: Status
    /// Requirement module prefixes in scope, one per line; empty with an empty query means every module.
    @Field(key: "scope_modules") public var scopeModules: String
    /// Words every requirement in scope contains (key, title or statement), in addition to the modules.
    @Field(key: "scope_query") public var scopeQuery: String
    @Field(key: "description") public var description: String

    public init() {}

    public var modulePrefixes: [String] { scopeModules.split(separator: "\n").map(String.init) }
}
