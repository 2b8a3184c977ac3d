import Artifacts

/// The artifact kinds and link kinds this module registers. Later modules add pairs (`verifies` from test
/// cases, `allocated-to` system elements, `mitigates` from hazards).
public enum RequirementKinds {
    /// By default a change of these fields turns the links at a requirement suspect and sends an approved one back
    /// to review; a project lead may choose others (`TriggerFieldSetting`).
    public static let requirementTriggerFields = ["title", "statement"]

    public static let requirement = ArtifactKind(
        id: "requirement", label: "Requirement", keyPattern: "REQ-###", triggerFields: requirementTriggerFields,
        fields: ["statement", "rationale", "type", "priority", "verification_methods", "source", "owner", "tags"],
        customAttributes: true)
    public static let section = ArtifactKind(id: "section", label: "Section", keyPattern: "SEC-###", triggerFields: ["title"],
                                             fields: ["text"])

    public static let derivesFrom = LinkKind(
        id: "derives-from", label: "derives from", inverseLabel: "derived by",
        pairs: [.init("requirement", "requirement")], acyclic: true)
    public static let refines = LinkKind(
        id: "refines", label: "refines", inverseLabel: "refined by", pairs: [.init("requirement", "requirement")],
        acyclic: true)
    public static let satisfies = LinkKind(
        id: "satisfies", label: "satisfies", inverseLabel: "satisfied by", pairs: [.init("requirement", "requirement")])
    /// Registered here with no pairs of this module's own so the kind exists for gap analysis; the verification
    /// and system modules add their pairs.
    public static let verifies = LinkKind(id: "verifies", label: "verifies", inverseLabel: "verified by", pairs: [])
    public static let allocatedTo = LinkKind(
        id: "allocated-to", label: "allocated to", inverseLabel: "allocates", pairs: [])
    public static let mitigates = LinkKind(id: "mitigates", label: "mitigates", inverseLabel: "mitigated by", pairs: [])

    /// A plain trace between requirements and sections: what an imported relation becomes when its type names
    /// none of the kinds above (the type's name is kept with the import identity).
    public static let relatesTo = LinkKind(
        id: "relates-to", label: "relates to", inverseLabel: "related from",
        pairs: [.init("requirement", "requirement"), .init("requirement", "section"), .init("section", "requirement"),
                .init("section", "section")])

    public static let linkKinds = [derivesFrom, refines, satisfies, verifies, allocatedTo, mitigates, relatesTo]

    public static func register(_ registry: ArtifactRegistry) {
        registry.register(requirement)
        registry.register(section)
        for kind in linkKinds { registry.register(kind) }
    }

    static func requirementPattern(prefix: String) -> KeyPattern { KeyPattern(prefix + "-REQ-###")! }
    static func sectionPattern(prefix: String) -> KeyPattern { KeyPattern(prefix + "-SEC-###")! }
}
