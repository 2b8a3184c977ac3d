import Artifacts

/// The artifact kind and link kind of the governance module.
public enum GovernanceKinds {
    /// A new title or description changes what the package is; status, owner and phase do not.
    public static let package = ArtifactKind(
        id: "design-package", label: "Design package", keyPattern: "DP-###", triggerFields: ["title", "description"],
        fields: ["description", "owner", "phase", "status"])

    /// Elements and interfaces belong to design packages. The kinds live in later modules, which add their
    /// pairs (system element → package, interface → package).
    public static let inPackage = LinkKind(id: "in-package", label: "in package", inverseLabel: "contains", pairs: [])

    public static func register(_ registry: ArtifactRegistry) {
        registry.register(package)
        registry.register(inPackage)
    }
}
