import Artifacts
import SystemDesign

/// The artifact kind and link kinds of the interfaces module.
public enum InterfaceKinds {
    /// What an interface is — its name, description, type, direction, medium and ends — turns the links at it
    /// (interface requirements) suspect when changed; its status does not.
    public static let interface = ArtifactKind(
        id: "interface", label: "Interface", keyPattern: "IF-###",
        triggerFields: ["title", "description", "type", "direction", "medium", "side_a", "side_b"],
        fields: ["status", "owner", "interface_id", "side_a_org", "side_b_org"])

    /// Interface requirements: a requirement specifies an interface.
    public static let specifies = LinkKind(
        id: "specifies", label: "specifies", inverseLabel: "specified by", pairs: [.init("requirement", interface.id)])

    /// Interfaces belong to design packages (the kind is the governance module's; this adds the pair).
    public static let inPackage = LinkKind(
        id: "in-package", label: "in package", inverseLabel: "contains", pairs: [.init(interface.id, "design-package")])

    public static func register(_ registry: ArtifactRegistry) {
        registry.register(interface)
        registry.register(specifies)
        registry.register(inPackage)
    }
}
