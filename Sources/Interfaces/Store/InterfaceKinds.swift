import Artifacts
import SystemDesign

/// The artifact kind and link kinds of the interfaces module.
public enum InterfaceKinds {
    /// What an interface is — its name, description, type, direction, medium and ends — turns the links at it
    /// (interface requirements) suspect when changed; its status does not.
    public static let interface = ArtifactKind(
        id: "interface", label: "Interface", keyPattern: "IF-###",
        triggerFields: ["title", "description", "type", "direction", "medium", "side_a", "side_b"],
        fields: ["status"])

    /// Interface requirements: a requirement specifies an interface.
    public static let specifies = LinkKind(
        id: "specifies", label: "specifies", inverseLabel: "specified by", pairs: [.init("requirement", interface.id)])

    public static func register(_ registry: ArtifactRegistry) {
        registry.register(interface)
        registry.register(specifies)
    }
}
