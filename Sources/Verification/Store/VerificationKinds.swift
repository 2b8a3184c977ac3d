import Artifacts

/// The artifact kinds and link kinds verification registers, and the `verifies` pair it adds.
public enum VerificationKinds {
    public static let testCase = ArtifactKind(
        id: "test-case", label: "Test case", keyPattern: "TC-###", triggerFields: ["title", "method", "steps"],
        fields: ["preconditions", "environment", "status", "automation_id"])
    public static let plan = ArtifactKind(id: "verification-plan", label: "Verification plan", keyPattern: "VP-###",
                                          triggerFields: ["title"], fields: ["description", "status", "phase", "scope_modules", "scope_query"])
    public static let testSet = ArtifactKind(id: "test-set", label: "Test set", keyPattern: "TS-###", triggerFields: ["title"],
                                             fields: ["purpose", "description", "cases"])
    public static let defect = ArtifactKind(id: "defect", label: "Defect", keyPattern: "DEF-###", triggerFields: ["title", "description"],
                                            fields: ["severity", "status"])

    /// A test case verifies a requirement.
    public static let verifies = LinkKind(id: "verifies", label: "verifies", inverseLabel: "verified by",
                                          pairs: [.init(testCase.id, "requirement")])
    /// A defect concerns the requirements and cases it affects.
    public static let concerns = LinkKind(id: "concerns", label: "concerns", inverseLabel: "affected by",
                                          pairs: [.init(defect.id, "requirement"), .init(defect.id, testCase.id)])

    public static func register(_ registry: ArtifactRegistry) {
        for kind in [testCase, plan, testSet, defect] { registry.register(kind) }
        registry.register(verifies)
        registry.register(concerns)
    }
}
