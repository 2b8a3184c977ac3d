import Artifacts

/// The artifact kind and link kinds of the system design module.
public enum SystemDesignKinds {
    /// A rename or a changed description turns the links at an element (interfaces, allocations) suspect; a move
    /// in the tree or a status change does not change what the element is.
    public static let element = ArtifactKind(
        id: "system-element", label: "System element", keyPattern: "EL-###", triggerFields: ["title", "description"],
        fields: ["description", "level", "owner", "parent", "status"])

    /// An architecture: which elements it shows and what it says is part of its identity; its status is not.
    public static let architecture = ArtifactKind(
        id: "architecture", label: "Architecture", keyPattern: "AR-###", triggerFields: ["title", "description", "nodes"],
        fields: ["description", "nodes", "status"])

    /// Typed relations between elements outside the tree. `depends-on` must not loop (an element cannot depend
    /// on itself through others); `associated-with` is a plain, undirected-in-meaning association.
    public static let dependsOn = LinkKind(
        id: "depends-on", label: "depends on", inverseLabel: "needed by",
        pairs: [.init(element.id, element.id)], acyclic: true)
    public static let associatedWith = LinkKind(
        id: "associated-with", label: "associated with", inverseLabel: "associated with",
        pairs: [.init(element.id, element.id)])
    /// Requirements are allocated to the elements that must meet them (the kind exists from the requirements
    /// module; this adds the pair).
    public static let allocatedTo = LinkKind(
        id: "allocated-to", label: "allocated to", inverseLabel: "allocates", pairs: [.init("requirement", element.id)])

    /// Elements belong to design packages (the kind is the governance module's; this adds the pair).
    public static let inPackage = LinkKind(
        id: "in-package", label: "in package", inverseLabel: "contains", pairs: [.init(element.id, "design-package")])

    /// The relation kinds a person may choose between two elements.
    public static let relationKinds = [dependsOn, associatedWith]

    public static func register(_ registry: ArtifactRegistry) {
        registry.register(element)
        registry.register(architecture)
        for kind in relationKinds + [allocatedTo, inPackage] { registry.register(kind) }
    }
}
